//! Waiting in the browser: islands that follow a job or a stream wait between attempts.

/// Waits `duration` without blocking the page (a timer, not a busy loop).
pub async fn pause(duration: std::time::Duration) {
    let (done, wait) = futures::channel::oneshot::channel();
    leptos::prelude::set_timeout(
        move || {
            let _ = done.send(());
        },
        duration,
    );
    let _ = wait.await;
}
