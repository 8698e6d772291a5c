//! Content reload for a kiosk that runs from `--articles DIR`: a watcher
//! thread looks at the files each second and, when they changed or SIGUSR1
//! asked, loads them again. The kiosk only takes finished results, so a large
//! directory or a slow file never stops the clock or input; broken content
//! keeps the last good.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, SystemTime};

use super::Kiosk;
use crate::content::load::is_content_name;
use crate::content::{Library, LoadError, load_library};

/// Each content file's name, modification time and size.
type Signature = Vec<(PathBuf, Option<SystemTime>, u64)>;

type Loaded = Result<Library, LoadError>;

pub struct Source {
    /// Finished loads, in order.
    results: Receiver<Loaded>,
    /// Asks the watcher to look now; dropping it ends the watcher.
    wake: Sender<u64>,
    progress: Arc<Progress>,
    /// Results taken by `poll`.
    received: u64,
    /// Looks asked for by `look_now`.
    asked: u64,
}

/// What the watcher has done, for `busy`.
#[derive(Default)]
struct Progress {
    /// Loads started (each sends one result).
    loads: AtomicU64,
    /// The last `look_now` whose look has ended.
    looked: AtomicU64,
}

/// Only what the loader reads counts: an editor's `.a.md.swp` or `a.md~`
/// appearing is no reason to reload. `metadata` follows symlinks and never
/// opens a file, so a FIFO here cannot block.
fn signature(dir: &Path) -> Signature {
    let mut sig: Signature = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| is_content_name(&e.file_name()))
        .filter_map(|e| {
            let path = e.path();
            let meta = std::fs::metadata(&path).ok()?;
            Some((path, meta.modified().ok(), meta.len()))
        })
        .collect();
    sig.sort();
    sig
}

/// The watcher thread's side.
struct Watcher {
    dir: PathBuf,
    requested: Arc<AtomicBool>,
    every: Duration,
    before_scan: Box<dyn Fn() + Send>,
    progress: Arc<Progress>,
}

impl Watcher {
    /// Looks every `every` (or when woken), loads on a change or a request,
    /// and ends when the `Source` is dropped.
    fn run(&self, mut signature_seen: Signature, wake: &Receiver<u64>, results: &Sender<Loaded>) {
        let mut ticket = 0;
        loop {
            match wake.recv_timeout(self.every) {
                // One look answers every ask queued before it.
                Ok(t) => ticket = wake.try_iter().last().unwrap_or(t),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            (self.before_scan)();
            let now = signature(&self.dir);
            if self.requested.swap(false, Ordering::SeqCst) || now != signature_seen {
                // Taken before the load: a change during it is seen next time.
                signature_seen = now;
                self.progress.loads.fetch_add(1, Ordering::SeqCst);
                if results.send(load_library(Some(&self.dir))).is_err() {
                    return;
                }
            }
            self.progress.looked.store(ticket, Ordering::SeqCst);
        }
    }
}

/// The error shown when the watcher cannot run.
fn watcher_failed(dir: &Path, why: std::io::Error) -> Loaded {
    Err(LoadError::Io {
        path: dir.to_path_buf(),
        source: why,
    })
}

impl Source {
    /// Watches `dir`, whose content the kiosk has just loaded; `requested`
    /// is set by the SIGUSR1 handler.
    pub fn new(dir: PathBuf, requested: Arc<AtomicBool>) -> Source {
        Source::watching(dir, requested, Duration::from_secs(1), || {})
    }

    /// [`Source::new`] with the watcher's period, and a call before each of
    /// its looks: tests use them to hold a look or to look only when asked.
    pub fn watching(
        dir: PathBuf,
        requested: Arc<AtomicBool>,
        every: Duration,
        before_scan: impl Fn() + Send + 'static,
    ) -> Source {
        // The first look is here, so that a change made once this returns
        // is a change.
        let first = signature(&dir);
        let (wake, woken) = mpsc::channel();
        let (sent, results) = mpsc::channel();
        let progress = Arc::new(Progress::default());
        let watcher = Watcher {
            dir: dir.clone(),
            requested,
            every,
            before_scan: Box::new(before_scan),
            progress: Arc::clone(&progress),
        };
        let failed = sent.clone();
        let spawned = std::thread::Builder::new()
            .name("reader-reload".into())
            .spawn(move || {
                // The loader reports every problem as a value: a panic is a
                // bug, but the kiosk goes on with what it shows, and says so.
                if catch_unwind(AssertUnwindSafe(|| watcher.run(first, &woken, &sent))).is_err() {
                    let why = std::io::Error::other("the content watcher stopped");
                    let _ = sent.send(watcher_failed(&watcher.dir, why));
                }
            });
        if let Err(e) = spawned {
            let _ = failed.send(watcher_failed(&dir, e));
        }
        Source {
            results,
            wake,
            progress,
            received: 0,
            asked: 0,
        }
    }

    /// Never blocks: a load's result once it is done.
    pub fn poll(&mut self) -> Option<Loaded> {
        let result = self.results.try_recv().ok()?;
        self.received += 1;
        Some(result)
    }

    /// Asks the watcher to look at the files now rather than at its next
    /// period; [`Source::busy`] holds until that look has ended.
    pub fn look_now(&mut self) {
        self.asked += 1;
        // A watcher that has stopped has said why through `poll`.
        let _ = self.wake.send(self.asked);
    }

    /// Whether a load is under way or not yet polled, or a look asked for
    /// by [`Source::look_now`] has not ended.
    pub fn busy(&self) -> bool {
        // The watcher holds the other reference while it runs.
        let watching = Arc::strong_count(&self.progress) > 1;
        self.progress.loads.load(Ordering::SeqCst) > self.received
            || (watching && self.progress.looked.load(Ordering::SeqCst) < self.asked)
    }
}

/// Shows the new content, or keeps the old and says why in `reader check`'s words.
pub fn apply(kiosk: &mut Kiosk, result: Result<Library, LoadError>) {
    match result {
        Ok(library) => {
            // A patient reading stays where they are; the loop starts afresh.
            let old = kiosk.app.set_library(library);
            free_elsewhere(old);
            kiosk.warning = None;
            if kiosk.attract {
                kiosk.restart(kiosk.now);
            }
        }
        Err(LoadError::Invalid(problems)) => {
            let first = problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            kiosk.warning = Some(match problems.len() {
                1 => first,
                n => crate::strings::more_problems(&first, n - 1),
            });
        }
        Err(e) => kiosk.warning = Some(e.to_string()),
    }
}

/// Frees the content a reload replaced on a thread of its own: on the
/// screen's thread, freeing 200 articles of 25 kB (hundreds of thousands of
/// allocations) was most of the frame after a reload
/// (`cargo bench --bench library -- kiosk_reload`: 3.5–5.9 ms median,
/// 1.0–1.9 ms without it).
fn free_elsewhere(old: Library) {
    // Where no thread can start, the closure, and the library with it, is
    // dropped here.
    let _ = std::thread::Builder::new()
        .name("reader-free".into())
        .spawn(move || drop(old));
}
