//! Content reload for a kiosk that runs from `--articles DIR`: a change to the
//! files, or SIGUSR1, loads them again; broken content keeps the last good.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::SystemTime;

use super::Kiosk;
use crate::content::{Library, LoadError, load_library};

/// Each content file's name, modification time and size.
type Signature = Vec<(PathBuf, Option<SystemTime>, u64)>;

pub struct Source {
    pub dir: PathBuf,
    signature: Signature,
    /// Set by the SIGUSR1 handler.
    pub requested: Arc<AtomicBool>,
}

fn signature(dir: &PathBuf) -> Signature {
    let mut sig: Signature = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((e.path(), meta.modified().ok(), meta.len()))
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
        }
    }

    /// The content loaded again, when the files changed or a reload was asked for.
    pub fn poll(&mut self) -> Option<Result<Library, LoadError>> {
        let now = signature(&self.dir);
        let asked = self.requested.swap(false, Ordering::Relaxed);
        if now == self.signature && !asked {
            return None;
        }
        self.signature = now;
        Some(load_library(Some(&self.dir)))
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
