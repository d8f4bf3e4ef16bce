//! A real reverse proxy in front of the application, as every HTTPS installation has: nginx
//! (Debian's `nginx-light`, installed by `scripts/install-tools.sh --test`), listening on one
//! loopback address and connecting to the application from another, so the application sees
//! the proxy as its peer and the clients only in `X-Forwarded-For`.

use std::net::{IpAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::helpers::TestApp;

/// Where the proxy listens.
pub const LISTEN: &str = "127.0.0.2";
/// The address the proxy connects to the application from: the one to trust.
pub const FROM: &str = "127.0.0.3";

/// A running nginx; stopped when dropped.
pub struct ReverseProxy {
    child: Child,
    _dir: TempDir,
}

/// A free port on the proxy's address, to build the application's public URL before it runs.
pub fn free_port() -> u16 {
    TcpListener::bind((LISTEN, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port on the proxy's address")
        .port()
}

impl ReverseProxy {
    /// Starts nginx on `LISTEN:port`, forwarding to `upstream` (`http://127.0.0.1:PORT`).
    pub fn start(port: u16, upstream: &str) -> Self {
        let dir = tempfile::tempdir().expect("a directory for nginx");
        let path = dir.path().display();
        let config = format!(
            "daemon off; master_process off; worker_processes 1;\n\
             pid {path}/nginx.pid; error_log stderr warn;\n\
             events {{ worker_connections 512; }}\n\
             http {{\n  access_log off;\n\
               client_body_temp_path {path}/body; proxy_temp_path {path}/proxy;\n\
               fastcgi_temp_path {path}/fastcgi; uwsgi_temp_path {path}/uwsgi; scgi_temp_path {path}/scgi;\n\
               server {{\n    listen {LISTEN}:{port};\n    location / {{\n\
                 proxy_pass {upstream};\n      proxy_bind {FROM};\n\
                 proxy_set_header Host $http_host;\n\
                 proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n    }}\n  }}\n}}\n"
        );
        let file = dir.path().join("nginx.conf");
        std::fs::write(&file, config).expect("nginx.conf written");
        let child = Command::new("nginx")
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("nginx runs (scripts/install-tools.sh --test installs nginx-light)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect((LISTEN, port)).is_err() {
            assert!(Instant::now() < deadline, "nginx did not start listening");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { child, _dir: dir }
    }
}

impl Drop for ReverseProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The application behind a reverse proxy it trusts (plus `overrides`): the application,
/// the running proxy, and the site's public address (the proxy's).
pub async fn app_behind_proxy(overrides: &[(&str, &str)]) -> (TestApp, ReverseProxy, String) {
    let port = free_port();
    let site = format!("http://{LISTEN}:{port}");
    let mut pairs = vec![("base_url", site.as_str()), ("trusted_proxies", FROM)];
    pairs.extend_from_slice(overrides);
    let app = TestApp::spawn_with(&pairs).await;
    let proxy = ReverseProxy::start(port, &app.address);
    (app, proxy, site)
}

/// A browser on the loopback address `from`, talking to the site at `site` (the proxy).
pub fn browser_from(from: IpAddr, site: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(from)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(crate::helpers::same_origin(site))
        .cookie_store(true)
        .build()
        .expect("a client")
}
