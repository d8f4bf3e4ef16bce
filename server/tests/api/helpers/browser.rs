//! Browsers: clients with cookies of their own, which send the origin a page of the
//! application sends, and call server functions as the hydrated page or a plain form does.

use super::TestApp;

impl TestApp {
    /// A new browser: its own cookie jar, redirects not followed.
    pub fn browser(&self) -> Browser {
        Browser {
            address: self.address.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .default_headers(same_origin(&self.address))
                .cookie_store(true)
                .user_agent(
                    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                )
                .build()
                .expect("a client"),
        }
    }

    /// A browser that already carries the session cookie `secret`.
    pub fn browser_with_session(&self, secret: &str) -> Browser {
        self.browser_with_cookies(&[&format!("convene_session={secret}")])
    }

    /// A browser with the session cookie `secret` whose JavaScript runs the islands: the
    /// header's island has written `convene_islands=1` (see `app::viewer`).
    pub fn browser_running_islands(&self, secret: &str) -> Browser {
        self.browser_with_cookies(&[&format!("convene_session={secret}"), "convene_islands=1"])
    }

    fn browser_with_cookies(&self, cookies: &[&str]) -> Browser {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let url: reqwest::Url = self.address.parse().expect("the app's URL");
        for cookie in cookies {
            jar.add_cookie_str(&format!("{cookie}; Path=/"), &url);
        }
        Browser {
            address: self.address.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .default_headers(same_origin(&self.address))
                .cookie_provider(jar)
                .build()
                .expect("a client"),
        }
    }
}

/// What a browser sends with every request from one of the application's own pages: its
/// origin. State-changing requests without it are refused (see `server::csrf`).
pub fn same_origin(address: &str) -> reqwest::header::HeaderMap {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ORIGIN,
        address.parse().expect("an origin is a valid header"),
    );
    headers
}

/// A browser: a client with its own cookies, like one person's device.
pub struct Browser {
    address: String,
    /// The client, for requests the helpers do not cover.
    pub client: reqwest::Client,
}

impl Browser {
    /// The application's address, `http://127.0.0.1:port`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// Calls a server function by its name with `form` as its body: for the tests that go
    /// through every function by name (the authorization matrix) or send what no generated
    /// type can (missing or malformed arguments). Everything else calls [`Self::run`].
    pub async fn call(&self, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{name}", self.address))
            .form(form)
            .send()
            .await
            .expect("request sent")
    }

    /// The same for a server function taking JSON: each value that reads as JSON (`[]`) is
    /// sent as such, the others as strings.
    pub async fn call_json(&self, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let body: serde_json::Map<String, serde_json::Value> = form
            .iter()
            .map(|(k, v)| {
                let value = serde_json::from_str(v)
                    .unwrap_or_else(|_| serde_json::Value::String((*v).to_owned()));
                ((*k).to_owned(), value)
            })
            .collect();
        self.client
            .post(format!("{}/api/{name}", self.address))
            .json(&body)
            .send()
            .await
            .expect("request sent")
    }

    /// Calls the server function `call` through its generated type (`GetFeedPost { … }`),
    /// as the hydrated page does, and reads its answer.
    pub async fn run<F>(&self, call: F) -> Result<F::Output, domain::error::AppError>
    where
        F: leptos::server_fn::ServerFn + serde::Serialize,
        F::Output: serde::de::DeserializeOwned,
    {
        let response = self.answer(call).await;
        let status = response.status();
        let body = response.text().await.expect("an answer");
        if status.is_success() {
            Ok(serde_json::from_str(&body).expect("the function's answer"))
        } else {
            Err(serde_json::from_str(&body).expect("an error"))
        }
    }

    /// The same for a server function whose arguments travel as JSON (`input = Json`).
    pub async fn run_json<F>(&self, call: F) -> Result<F::Output, domain::error::AppError>
    where
        F: leptos::server_fn::ServerFn + serde::Serialize,
        F::Output: serde::de::DeserializeOwned,
    {
        let response = self
            .client
            .post(format!("{}{}", self.address, F::PATH))
            .json(&call)
            .send()
            .await
            .expect("request sent");
        let status = response.status();
        let body = response.text().await.expect("an answer");
        if status.is_success() {
            Ok(serde_json::from_str(&body).expect("the function's answer"))
        } else {
            Err(serde_json::from_str(&body).expect("an error"))
        }
    }

    /// Calls the server function `call` through its generated type and returns the HTTP
    /// answer itself, for tests of what only it shows (cookies, headers, exact bytes).
    pub async fn answer<F>(&self, call: F) -> reqwest::Response
    where
        F: leptos::server_fn::ServerFn + serde::Serialize,
    {
        let form = serde_qs::to_string(&call).expect("the call as a form");
        self.client
            .post(format!("{}{}", self.address, F::PATH))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .expect("request sent")
    }

    /// Who the server thinks this browser is.
    pub async fn current_user(&self) -> Option<domain::CurrentUser> {
        self.run(app::api::accounts::GetCurrentUser {})
            .await
            .expect("a user or null")
    }

    /// Posts a form the way a browser without JavaScript does, from the page `referer`.
    pub async fn post_form(
        &self,
        name: &str,
        referer: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{name}", self.address))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", format!("{}{referer}", self.address))
            .form(form)
            .send()
            .await
            .expect("request sent")
    }
}
