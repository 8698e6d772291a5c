//! Content reload for a kiosk that runs from `--articles DIR`: a change to the
//! files, or SIGUSR1, loads them again in a background thread, so a large or
//! slow file never stops the clock or input; broken content keeps the last good.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::SystemTime;

use super::Kiosk;
use crate::content::load::is_content_name;
use crate::content::{Library, LoadError, load_library};

/// Each content file's name, modification time and size.
type Signature = Vec<(PathBuf, Option<SystemTime>, u64)>;

pub struct Source {
    pub dir: PathBuf,
    signature: Signature,
    /// Set by the SIGUSR1 handler.
    pub requested: Arc<AtomicBool>,
    /// The load under way, if any.
    loading: Option<Receiver<Result<Library, LoadError>>>,
    /// A change seen while a load was under way: load again after it.
    pending: bool,
}

/// Only what the loader reads counts: an editor's `.a.md.swp` or `a.md~`
/// appearing is no reason to reload. `metadata` follows symlinks and never
/// opens a file, so a FIFO here cannot block.
fn signature(dir: &Path) -> Signature {
    let mut sig: Signature = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(is_content_name))
        .filter_map(|e| {
            let path = e.path();
            let meta = std::fs::metadata(&path).ok()?;
            Some((path, meta.modified().ok(), meta.len()))
        })
        .collect();
    sig.sort();
    sig
}

impl Source {
    pub fn new(dir: PathBuf, requested: Arc<AtomicBool>) -> Source {
        Source {
            signature: signature(&dir),
            dir,
            requested,
            loading: None,
            pending: false,
        }
    }

    /// Never blocks: starts a load in the background when the files changed
    /// or a reload was asked for, and returns a load's result once it is done.
    pub fn poll(&mut self) -> Option<Result<Library, LoadError>> {
        let now = signature(&self.dir);
        if self.requested.swap(false, Ordering::Relaxed) || now != self.signature {
            self.signature = now;
            self.pending = true;
        }
        let done = self.loading.as_ref().and_then(|rx| match rx.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            // The loader reports every problem as a value; a thread that ends
            // without one panicked, which is a bug, but the kiosk goes on.
            Err(TryRecvError::Disconnected) => Some(Err(LoadError::Io {
                path: self.dir.clone(),
                source: std::io::Error::other("the content loader stopped"),
            })),
        });
        if done.is_some() {
            self.loading = None;
        }
        if self.loading.is_none() && self.pending {
            self.pending = false;
            self.loading = Some(self.start());
        }
        done
    }

    /// Whether a load is under way or waiting to start.
    pub fn busy(&self) -> bool {
        self.loading.is_some() || self.pending
    }

    fn start(&self) -> Receiver<Result<Library, LoadError>> {
        let (tx, rx) = mpsc::channel();
        let dir = self.dir.clone();
        let spawned = std::thread::Builder::new()
            .name("reader-reload".into())
            .spawn(move || {
                // The kiosk may have gone by the time the load ends: nobody to tell.
                let _ = tx.send(load_library(Some(&dir)));
            });
        if let Err(e) = spawned {
            let (tx, failed) = mpsc::channel();
            let _ = tx.send(Err(LoadError::Io {
                path: self.dir.clone(),
                source: e,
            }));
            return failed;
        }
        rx
    }
}

/// Shows the new content, or keeps the old and says why in `reader check`'s words.
pub fn apply(kiosk: &mut Kiosk, result: Result<Library, LoadError>) {
    match result {
        Ok(library) => {
            // A patient reading stays where they are; the loop starts afresh.
            kiosk.app.set_library(library);
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
