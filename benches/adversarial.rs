//! Time and peak memory of `newsdex extract` on each adversarial body (tests/common/adversarial.rs),
//! one child process per body, so each peak is its own.
//!
//!     cargo bench --bench adversarial              # 1 MB bodies
//!     cargo bench --bench adversarial -- 200000    # another size, in bytes
//!     NEWSDEX_BIN=path/to/newsdex cargo bench --bench adversarial   # another build
//!
//! Each child runs with its address space limited to 4 GiB and is stopped after 60 s, so that
//! a build with a quadratic path shows it without taking the machine down.
//! The target: every 1 MB body in 1 s or less and 200 MB or less.

#[path = "../tests/common/adversarial.rs"]
mod adversarial;

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The child's address-space limit: far above the target, far below the machine.
const MEMORY_LIMIT: u64 = 4 << 30;

/// A child still running after this is stopped and reported as such.
const TIME_LIMIT: Duration = Duration::from_secs(60);

fn main() {
    let bytes: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(1 << 20);
    let binary =
        std::env::var("NEWSDEX_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_newsdex").into());
    let dir = tempfile::tempdir().expect("temporary directory");
    println!(
        "{:<22} {:>9} {:>9} {:>10}  status",
        "body", "bytes", "seconds", "peak MB"
    );
    for (name, make) in adversarial::CASES {
        let path = dir.path().join(format!("{name}.txt"));
        let body = make(bytes);
        std::fs::write(&path, format!("Adversarial {name}\n\n{body}")).expect("write body");
        let started = Instant::now();
        let mut command = Command::new(&binary);
        command
            .arg("extract")
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: setrlimit is async-signal-safe, and the closure touches nothing else.
        unsafe {
            command.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: MEMORY_LIMIT,
                    rlim_max: MEMORY_LIMIT,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &limit) == 0 {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
        // Reaped by wait4 below, which also reports the child's peak memory.
        #[allow(clippy::zombie_processes)]
        let child = command.spawn().expect("run newsdex");
        let (status, peak_kb) = wait_with_peak(child.id(), started);
        let seconds = started.elapsed().as_secs_f64();
        let status = match (status.code(), status.signal()) {
            (Some(code), _) => format!("exit {code}"),
            (None, Some(signal)) => format!("signal {signal}"),
            _ => "?".into(),
        };
        println!(
            "{name:<22} {:>9} {seconds:>9.2} {:>10.1}  {status}",
            body.len(),
            peak_kb as f64 / 1024.0
        );
    }
}

/// Waits for the child, killing it past [`TIME_LIMIT`], and returns its status and peak
/// resident set in KiB (`wait4`'s rusage).
fn wait_with_peak(pid: u32, started: Instant) -> (std::process::ExitStatus, i64) {
    let pid = pid as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the pid is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        let rc = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(rc >= 0, "wait4 failed");
        if rc == pid {
            return (std::process::ExitStatus::from_raw(status), usage.ru_maxrss);
        }
        if started.elapsed() > TIME_LIMIT {
            // SAFETY: the pid is our own child, not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
