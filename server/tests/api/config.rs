//! Invalid configuration stops the binary with one clear line and exit code 2.

use crate::helpers::convene_command;

fn run_with_env(vars: &[(&str, &str)]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut command = convene_command();
    command.arg("migrate").current_dir(dir.path());
    command.envs(vars.iter().copied());
    command.output().expect("the binary runs")
}

#[test]
fn a_bad_address_stops_start_up_with_exit_code_2_and_one_line() {
    let output = run_with_env(&[("CONVENE_ADDR", "not-an-address")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim_end(),
        "convene: invalid configuration: CONVENE_ADDR: 'not-an-address' is not an address like 127.0.0.1:3000"
    );
}

#[test]
fn a_non_numeric_setting_names_the_variable() {
    let output = run_with_env(&[("CONVENE_REQUEST_TIMEOUT_SECS", "soon")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("convene: invalid configuration: CONVENE_REQUEST_TIMEOUT_SECS:"),
        "{stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

#[test]
fn the_test_suites_own_variables_are_not_settings() {
    let output = run_with_env(&[
        ("CONVENE_TEST_POSTGRES_URL", "postgres://x"),
        ("CONVENE_TEST_ANYTHING", "1"),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_misspelt_setting_is_reported() {
    let output = run_with_env(&[("CONVENE_ADRESS", "127.0.0.1:3000")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("adress"), "{stderr}");
}

#[test]
fn a_named_config_file_that_does_not_exist_is_reported() {
    let output = run_with_env(&[("CONVENE_CONFIG", "/nonexistent/convene.toml")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("CONVENE_CONFIG"));
}

#[test]
fn a_config_file_is_read_and_the_environment_overrides_it() {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::write(
        dir.path().join("convene.toml"),
        "addr = \"bad address from file\"\n",
    )
    .expect("write");
    let run = |vars: &[(&str, &str)]| {
        let mut command = convene_command();
        command.arg("migrate").current_dir(dir.path());
        command
            .envs(vars.iter().copied())
            .output()
            .expect("the binary runs")
    };
    let from_file = run(&[]);
    assert_eq!(from_file.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&from_file.stderr).contains("'bad address from file'"));
    let overridden = run(&[("CONVENE_ADDR", "127.0.0.1:0")]);
    assert_eq!(
        overridden.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&overridden.stderr)
    );
    assert!(
        dir.path().join("data/convene.db").exists(),
        "migrate created the default database"
    );
}

#[test]
fn an_unwritable_data_directory_is_a_clear_error() {
    let output = run_with_env(&[(
        "CONVENE_DATABASE_URL",
        "sqlite:///proc/convene-cannot-write/convene.db",
    )]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot create the database directory /proc/convene-cannot-write"),
        "{stderr}"
    );
}

#[test]
fn help_lists_the_commands() {
    let output = convene_command().arg("--help").output().expect("runs");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    for command in ["serve", "migrate", "seed"] {
        assert!(stdout.contains(command), "{stdout}");
    }
}

#[test]
fn json_logs_are_one_object_per_line_when_configured() {
    let output = run_with_env(&[("CONVENE_LOG_FORMAT", "json"), ("RUST_LOG", "info")]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(!lines.is_empty());
    for line in &lines {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(
            value.get("level").is_some() && value.get("message").is_some(),
            "{line}"
        );
    }
    assert!(lines.iter().any(|l| l.contains("migrations applied")));
}

#[test]
fn a_database_password_never_appears_in_the_output() {
    // Nothing listens on port 9: the connection fails and the URL ends up in the message.
    let output = run_with_env(&[
        (
            "CONVENE_DATABASE_URL",
            "postgres://convene:hunter2-secret@127.0.0.1:9/convene",
        ),
        ("RUST_LOG", "debug"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        all.contains("postgres://convene:***@127.0.0.1:9/convene"),
        "{all}"
    );
    assert!(!all.contains("hunter2"), "{all}");
}
