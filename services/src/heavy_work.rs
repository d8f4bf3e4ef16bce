//! Work that takes a core and tens of megabytes for a while (password hashing, decoding and
//! resizing images): bounded process-wide, so a burst of it queues instead of growing memory
//! until the machine gives out. Each kind has as many places as the machine has cores; a job
//! that finds none free waits a little, then is refused with "try again in a moment" (503),
//! which the browser shows and a client may retry after `Retry-After`.
//!
//! Each kind runs on threads of its own, one per place, rather than on tokio's blocking pool.
//! The allocator keeps freed memory per thread (glibc gives each thread an arena): spread over
//! the pool's many threads, twenty argon2 hashes left twenty 19 MiB blocks resident although
//! only two ever ran at once (measured: 445 MiB after twenty concurrent sign-ups).

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use tokio::sync::{Semaphore, oneshot};

use domain::error::AppError;

type Job = Box<dyn FnOnce() + Send>;

/// One kind of heavy work, its places and its threads.
#[derive(Debug)]
pub struct HeavyWork {
    what: &'static str,
    places: Arc<Semaphore>,
    /// MiB that jobs of this kind may hold at once, for work whose size varies.
    memory: Option<Arc<Semaphore>>,
    patience: Duration,
    workers: flume::Sender<Job>,
}

/// Argon2 hashing and verification (19 MiB each): a login waits its turn for up to 10 s.
pub static PASSWORDS: LazyLock<HeavyWork> =
    LazyLock::new(|| HeavyWork::new("password hashing", Duration::from_secs(10), None));

/// Decoding, resizing and encoding an uploaded image: each job also holds its share of
/// [`media::MEMORY_BUDGET_MIB`](crate::media::MEMORY_BUDGET_MIB).
pub static IMAGES: LazyLock<HeavyWork> = LazyLock::new(|| {
    HeavyWork::new(
        "image processing",
        Duration::from_secs(10),
        Some(crate::media::MEMORY_BUDGET_MIB),
    )
});

impl HeavyWork {
    fn new(what: &'static str, patience: Duration, memory_mib: Option<u32>) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self::with_places(what, cores, patience, memory_mib)
    }

    fn with_places(
        what: &'static str,
        places: usize,
        patience: Duration,
        memory_mib: Option<u32>,
    ) -> Self {
        let (workers, jobs) = flume::unbounded::<Job>();
        for i in 0..places {
            let jobs = jobs.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("{what} {i}"))
                .spawn(move || {
                    while let Ok(job) = jobs.recv() {
                        // A panicking job fails alone (its caller hears of it); the thread
                        // goes on with the next one.
                        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                    }
                });
            if let Err(error) = spawned {
                tracing::error!(%error, work = what, "cannot start a worker thread");
            }
        }
        Self {
            what,
            places: Arc::new(Semaphore::new(places)),
            memory: memory_mib.map(|mib| Arc::new(Semaphore::new(mib as usize))),
            patience,
            workers,
        }
    }

    /// Runs `job` on this kind's threads once a place is free; `Unavailable` when none frees
    /// up in time.
    pub async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        self.run_sized(0, job).await
    }

    /// [`HeavyWork::run`] for a job that holds up to `mib` of this kind's memory budget: it
    /// waits for a place and for that much memory, in the order jobs arrived.
    pub async fn run_sized<T: Send + 'static>(
        &self,
        mib: u32,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let permits = async {
            let memory = match &self.memory {
                Some(memory) => Some(memory.clone().acquire_many_owned(mib).await?),
                None => None,
            };
            let place = self.places.clone().acquire_owned().await?;
            Ok::<_, tokio::sync::AcquireError>((memory, place))
        };
        let permits = tokio::time::timeout(self.patience, permits)
            .await
            .map_err(|_| {
                tracing::warn!(work = self.what, "refused: no place freed up in time");
                AppError::Unavailable
            })?
            .map_err(|e| AppError::internal("heavy work stopped", e))?;
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let outcome = job();
            // The places are given back before the answer, so the next job can start.
            drop(permits);
            let _ = done.send(outcome);
        });
        self.workers
            .send(job)
            .map_err(|_| AppError::internal(self.what, anyhow::anyhow!("no worker thread")))?;
        result
            .await
            .map_err(|_| AppError::internal(self.what, anyhow::anyhow!("the job panicked")))
    }

    /// Places free right now (for tests and metrics).
    pub fn free_places(&self) -> usize {
        self.places.available_permits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn jobs_beyond_the_places_wait_then_are_refused() {
        let work = Arc::new(HeavyWork::with_places(
            "test",
            1,
            Duration::from_millis(50),
            None,
        ));
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let busy = tokio::spawn({
            let work = work.clone();
            async move {
                work.run(move || {
                    let _ = started_tx.send(());
                    let _ = release_rx.recv();
                })
                .await
            }
        });
        tokio::task::spawn_blocking(move || started_rx.recv())
            .await
            .expect("joined")
            .expect("the first job started");
        assert_eq!(work.free_places(), 0);
        assert_eq!(work.run(|| 1).await, Err(AppError::Unavailable));
        let _ = release_tx.send(());
        busy.await.expect("joined").expect("the first job ran");
        assert_eq!(work.run(|| 2).await, Ok(2));
    }

    #[tokio::test]
    async fn a_job_waits_for_its_share_of_memory() {
        let work = HeavyWork::with_places("test", 2, Duration::from_millis(50), Some(100));
        assert_eq!(work.run_sized(100, || 1).await, Ok(1));
        // Over the whole budget it could never start: refused once patience runs out.
        assert_eq!(work.run_sized(101, || 2).await, Err(AppError::Unavailable));
    }
}
