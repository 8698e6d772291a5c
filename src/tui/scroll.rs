//! One scroll type for everything longer than its view: an answer, the
//! clinic page, the help, the reader's outline and the kiosk's 目次. It
//! knows where the view is, how far it can go, and where its pages start,
//! so that the page counter, the page buttons and what is on screen agree.

use std::ops::Range;

/// Where pages start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Starts {
    /// Every `step` units (a view's height less one line, so the last line of
    /// a page is the first of the next), and the end.
    Every(usize),
    /// At these units, ascending from 0 (the kiosk's 目次: a page starts at
    /// the first button that did not fit wholly on the page before).
    At(Vec<usize>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scroll {
    offset: usize,
    max: usize,
    starts: Starts,
    /// Units in all, and how many the view shows at once.
    len: usize,
    height: usize,
    /// Where a view that is not at a page's start ends early: before a
    /// kept block that would begin on its last row (see [`Scroll::blocks`]).
    cut: Option<usize>,
}

/// Which way a page turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Back,
    Forward,
}

impl Scroll {
    /// `len` lines seen `height` at a time from `offset`, paged a height
    /// less one at a time.
    pub fn lines(offset: usize, len: usize, height: usize) -> Scroll {
        let height = height.max(1);
        let max = len.saturating_sub(height);
        Scroll {
            offset: offset.min(max),
            max,
            starts: Starts::Every(height.saturating_sub(1).max(1)),
            len,
            height,
            cut: None,
        }
    }

    /// `len` units seen `height` at a time, in pages that start at `starts`
    /// (ascending; the last is the furthest the view goes), from `offset`.
    pub fn pages_at(offset: usize, mut starts: Vec<usize>, len: usize, height: usize) -> Scroll {
        if starts.first() != Some(&0) {
            starts.insert(0, 0);
        }
        let max = *starts.last().unwrap_or(&0);
        Scroll {
            offset: offset.min(max),
            max,
            starts: Starts::At(starts),
            len,
            height: height.max(1),
            cut: None,
        }
    }

    /// `len` lines seen `height` at a time, in pages that keep each of
    /// `blocks` whole: a page ends where a block that would run past its
    /// bottom begins (one taller than the view begins a page), and shows
    /// nothing after that (see [`Scroll::shown`]). A view scrolled off a
    /// page's start ends before a block that would begin on its last row:
    /// no ruby row shows without its line, no heading without the line
    /// after it. Pages follow on without repeating a line, and none begins
    /// with a line that `blank` says is empty.
    pub fn blocks(
        offset: usize,
        len: usize,
        height: usize,
        blocks: &[Range<usize>],
        blank: impl Fn(usize) -> bool,
    ) -> Scroll {
        let height = height.max(1);
        let mut starts = vec![0];
        let mut top = 0;
        while top + height < len {
            let end = top + height;
            let cut = blocks
                .iter()
                .filter(|b| b.start > top && b.start < end && b.end > end)
                .map(|b| b.start)
                .min();
            top = cut.unwrap_or(end);
            while top + 1 < len && blank(top) {
                top += 1;
            }
            starts.push(top);
        }
        let scroll = Scroll::pages_at(offset, starts, len, height);
        let (top, last) = (scroll.offset, scroll.offset + height - 1);
        let at_start = matches!(&scroll.starts, Starts::At(at) if at.binary_search(&top).is_ok());
        let orphan = blocks
            .iter()
            .any(|b| b.start == last && b.start > top && b.end > last + 1);
        Scroll {
            cut: (!at_start && orphan).then_some(last),
            ..scroll
        }
    }

    /// Units to draw from the offset: up to the next page's start when the
    /// view is at a page's start, so that a page shows no part of a block
    /// kept for the next; else the view's height, less a last row that
    /// begins a kept block.
    pub fn shown(&self) -> usize {
        if let Some(cut) = self.cut {
            return cut - self.offset;
        }
        match &self.starts {
            Starts::At(at) if at.binary_search(&self.offset).is_ok() => at
                .iter()
                .find(|&&s| s > self.offset)
                .map_or(self.height, |&next| (next - self.offset).min(self.height)),
            _ => self.height,
        }
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn max(&self) -> usize {
        self.max
    }

    /// The start of the page that unit `at` is on.
    pub fn page_of(&self, at: usize) -> usize {
        (0..self.count())
            .map(|k| self.start(k))
            .take_while(|&s| s <= at)
            .last()
            .unwrap_or(0)
    }

    /// Moved by `delta` units, within the ends.
    pub fn by(&self, delta: isize) -> usize {
        self.offset.saturating_add_signed(delta).min(self.max)
    }

    /// Where page `n` (from 0) starts.
    fn start(&self, n: usize) -> usize {
        match &self.starts {
            Starts::Every(step) => n.saturating_mul(*step).min(self.max),
            Starts::At(at) => at.get(n).copied().unwrap_or(self.max),
        }
    }

    /// How many pages there are.
    pub fn count(&self) -> usize {
        match &self.starts {
            Starts::Every(step) => 1 + self.max.div_ceil(*step),
            Starts::At(at) => at.len().max(1),
        }
    }

    /// The page shown, from 1: the last page once the end is reached, else
    /// the page whose start is the last at or above the view's top.
    pub fn current(&self) -> usize {
        if !self.more(Dir::Forward) {
            return self.count();
        }
        let before = match &self.starts {
            Starts::Every(step) => self.offset / step,
            Starts::At(at) => at.partition_point(|&s| s <= self.offset).saturating_sub(1),
        };
        (before + 1).min(self.count() - 1)
    }

    /// There is more to see that way.
    pub fn more(&self, dir: Dir) -> bool {
        match dir {
            Dir::Back => self.offset > 0,
            Dir::Forward => self.offset < self.max && self.offset + self.shown() < self.len,
        }
    }

    /// The offset a page turn leads to: the next page's start, or the start
    /// of the page before, so that turning forward and back shows the same
    /// pages.
    pub fn paged(&self, dir: Dir) -> usize {
        let n = self.count();
        match dir {
            Dir::Forward => (0..n)
                .map(|k| self.start(k))
                .find(|&s| s > self.offset)
                .unwrap_or(self.max),
            Dir::Back => (0..n)
                .rev()
                .map(|k| self.start(k))
                .find(|&s| s < self.offset)
                .unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn pages_count_by_the_paging_step_and_the_last_is_the_end() {
        // 30 lines seen 10 at a time, paged 9 at a time: pages at 0, 9, 18, 20.
        let s = |top| Scroll::lines(top, 30, 10);
        assert_eq!(s(0).count(), 4);
        assert_eq!(
            (
                s(0).current(),
                s(9).current(),
                s(18).current(),
                s(20).current()
            ),
            (1, 2, 3, 4)
        );
        assert_eq!(s(0).paged(Dir::Forward), 9);
        assert_eq!(s(18).paged(Dir::Forward), 20);
        assert_eq!(s(20).paged(Dir::Back), 18);
        assert_eq!(Scroll::lines(0, 5, 10).count(), 1);
    }

    #[test]
    fn a_wheel_step_leaves_the_next_page_open() {
        // Issue 18: three lines down a two-page answer read 2/2 with the
        // next page greyed out while most of it was still below.
        let s = Scroll::lines(3, 30, 20);
        assert_eq!((s.current(), s.count()), (1, 2));
        assert!(s.more(Dir::Forward));
    }

    #[test]
    fn block_pages_keep_blocks_whole_and_skip_blank_tops() {
        // 20 lines, 6 at a time; lines 4..8 kept together; line 10 blank.
        let kept = [Range { start: 4, end: 8 }];
        let s = Scroll::blocks(0, 20, 6, &kept, |n| n == 10);
        assert_eq!(s.starts, Starts::At(vec![0, 4, 11, 17]));
        assert_eq!(s.shown(), 4, "the first page ends before the block");
        assert!(s.more(Dir::Forward));
        let end = Scroll::blocks(17, 20, 6, &kept, |n| n == 10);
        assert_eq!((end.current(), end.count()), (4, 4));
        assert!(!end.more(Dir::Forward));
        // Scrolled by a line from a page's start: all of the view shows,
        // but a last row that begins a kept block (a ruby row above its
        // line).
        assert_eq!(Scroll::blocks(1, 20, 6, &kept, |_| false).shown(), 6);
        let s = Scroll::blocks(2, 20, 3, &kept, |_| false);
        assert_eq!(s.shown(), 2, "line 4 waits for line 5");
        assert!(s.more(Dir::Forward));
    }

    #[test]
    fn pages_at_given_starts() {
        let s = Scroll::pages_at(0, vec![0, 4, 9], 12, 4);
        assert_eq!((s.count(), s.max()), (3, 9));
        assert_eq!(s.paged(Dir::Forward), 4);
        let s = Scroll::pages_at(5, vec![0, 4, 9], 12, 4);
        assert_eq!(s.current(), 2);
        assert_eq!(s.paged(Dir::Back), 4);
        assert_eq!(s.paged(Dir::Forward), 9);
    }

    proptest! {
        #[test]
        fn paging_forward_then_back_shows_the_same_pages(len in 0usize..500, height in 1usize..80) {
            let mut tops = vec![0];
            let mut s = Scroll::lines(0, len, height);
            while s.more(Dir::Forward) {
                s = Scroll::lines(s.paged(Dir::Forward), len, height);
                tops.push(s.offset());
                prop_assert_eq!(s.current(), tops.len());
            }
            prop_assert_eq!(tops.len(), s.count());
            let mut back = vec![s.offset()];
            while s.more(Dir::Back) {
                s = Scroll::lines(s.paged(Dir::Back), len, height);
                back.push(s.offset());
            }
            back.reverse();
            prop_assert_eq!(back, tops);
        }

        #[test]
        fn the_counter_and_the_buttons_agree_with_the_view(
            len in 0usize..500, height in 1usize..80, offset in 0usize..600,
        ) {
            let s = Scroll::lines(offset, len, height);
            let (current, count) = (s.current(), s.count());
            prop_assert!((1..=count).contains(&current));
            // The last page is shown exactly when nothing is below the view.
            prop_assert_eq!(current == count, s.offset() + height >= len);
            prop_assert_eq!(s.more(Dir::Forward), s.offset() + height < len);
            prop_assert_eq!(current == 1, s.offset() < s.start(1).max(1));
        }

        #[test]
        fn block_pages_never_cut_a_block_that_fits_and_go_forth_and_back_alike(
            height in 1usize..40,
            runs in proptest::collection::vec((0usize..8, 1usize..12), 0..25),
        ) {
            // Blocks one after another, with gaps of free lines between.
            let mut blocks = Vec::new();
            let mut len = 0;
            for (gap, size) in runs {
                blocks.push(len + gap..len + gap + size);
                len += gap + size;
            }
            let at = |o: usize| Scroll::blocks(o, len, height, &blocks, |_| false);
            let mut s = at(0);
            let mut tops = vec![0];
            loop {
                let shown = s.offset()..s.offset() + s.shown();
                prop_assert!(!shown.is_empty() && shown.len() <= height);
                for b in blocks.iter().filter(|b| b.len() <= height) {
                    let starts_here = shown.contains(&b.start);
                    prop_assert!(!starts_here || b.end <= shown.end, "{shown:?} cuts {b:?}");
                }
                if !s.more(Dir::Forward) {
                    prop_assert!(shown.end >= len, "the last page reaches the end");
                    break;
                }
                let next = s.paged(Dir::Forward);
                prop_assert_eq!(next, shown.end, "pages follow on without a gap");
                s = at(next);
                tops.push(s.offset());
            }
            prop_assert_eq!(tops.len(), s.count());
            let mut back = vec![s.offset()];
            while s.more(Dir::Back) {
                s = at(s.paged(Dir::Back));
                back.push(s.offset());
            }
            back.reverse();
            prop_assert_eq!(back, tops);
        }

        #[test]
        fn no_view_ends_on_the_first_line_of_a_block_that_runs_on(
            height in 2usize..40,
            offset in 0usize..300,
            runs in proptest::collection::vec((0usize..8, 2usize..4), 0..25),
        ) {
            let mut blocks = Vec::new();
            let mut len = 0;
            for (gap, size) in runs {
                blocks.push(len + gap..len + gap + size);
                len += gap + size;
            }
            let s = Scroll::blocks(offset, len, height, &blocks, |_| false);
            let shown = s.offset()..s.offset() + s.shown();
            prop_assert!(!shown.is_empty());
            let last = shown.end - 1;
            for b in &blocks {
                let orphan = b.start == last && b.start > shown.start && b.end > shown.end;
                prop_assert!(!orphan, "{shown:?} ends on the first line of {b:?}");
            }
        }
    }
}
