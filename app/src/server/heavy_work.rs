//! Work that takes a core and tens of megabytes for a while (password hashing, decoding and
//! resizing images): bounded process-wide, so a burst of it queues instead of growing memory
//! until the machine gives out. Each kind has as many places as the machine has cores; a job
//! that finds none free waits a little, then is refused with "try again in a moment" (503),
//! which the browser shows and a client may retry after `Retry-After`.

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::error::AppError;

/// One kind of heavy work and its places.
#[derive(Debug)]
pub struct HeavyWork {
    what: &'static str,
    places: Arc<Semaphore>,
    /// MiB that jobs of this kind may hold at once, for work whose size varies.
    memory: Option<Arc<Semaphore>>,
    patience: Duration,
}

/// Argon2 hashing and verification (19 MiB each): a login waits its turn for up to 10 s.
pub static PASSWORDS: LazyLock<HeavyWork> =
    LazyLock::new(|| HeavyWork::new("password hashing", Duration::from_secs(10), None));

/// Decoding, resizing and encoding an uploaded image: each job also holds its share of
/// [`media::MEMORY_BUDGET_MIB`](crate::server::media::MEMORY_BUDGET_MIB).
pub static IMAGES: LazyLock<HeavyWork> = LazyLock::new(|| {
    HeavyWork::new(
        "image processing",
        Duration::from_secs(10),
        Some(crate::server::media::MEMORY_BUDGET_MIB),
    )
});

impl HeavyWork {
    fn new(what: &'static str, patience: Duration, memory_mib: Option<u32>) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            what,
            places: Arc::new(Semaphore::new(cores)),
            memory: memory_mib.map(|mib| Arc::new(Semaphore::new(mib as usize))),
            patience,
        }
    }

    /// Runs `job` on the blocking pool once a place is free; `Unavailable` when none frees
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
        tokio::task::spawn_blocking(move || {
            let _permits = permits;
            job()
        })
        .await
        .map_err(|e| AppError::internal(self.what, e))
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
        let work = HeavyWork {
            what: "test",
            places: Arc::new(Semaphore::new(1)),
            memory: None,
            patience: Duration::from_millis(50),
        };
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let work = Arc::new(work);
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
}
