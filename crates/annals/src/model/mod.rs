//! Learned models: the pieces every tagger shares.
//!
//! - [`FeatureHash`]: features are hashed to a `u64` part by part, so a tagger builds a feature
//!   without formatting or allocating a string. The hash is fixed (no random keys, little-endian
//!   reads), so a model trained on one machine scores identically on any other.
//! - [`perceptron`]: a greedy averaged perceptron over hashed features and named classes, with a
//!   compact binary format. The part-of-speech tagger uses it; the entity tagger is meant to.
//! - [`Writer`] / [`Reader`]: the little-endian codec behind the model files. A reader never
//!   panics: every length is checked against the bytes that remain and every file ends with a
//!   checksum, so a truncated or corrupted model is an error, not a crash or a silently wrong
//!   model.

pub mod perceptron;

pub use perceptron::{Perceptron, Prune, Trainer};

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Why a model could not be loaded or built. Messages say what is wrong with the bytes so that
/// a user who points `annals` at a wrong file can tell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("not an annals {expected} model (wrong magic bytes)")]
    BadMagic { expected: &'static str },
    #[error("unsupported {what} format version {found} (this build reads version {supported}); retrain it with `annals train`")]
    Version {
        what: &'static str,
        found: u32,
        supported: u32,
    },
    #[error("model file is truncated (needed {needed} more bytes at offset {offset})")]
    Truncated { offset: usize, needed: usize },
    #[error("model file is corrupt (checksum mismatch)")]
    Checksum,
    #[error("model file is corrupt: {0}")]
    Corrupt(String),
    #[error("invalid model: {0}")]
    Invalid(String),
}

const SEED: u64 = 0x243f_6a88_85a3_08d3; // digits of pi: an arbitrary but fixed start
const K: u64 = 0x517c_c1b7_2722_0a95; // FxHash's multiplier

#[inline]
const fn mix(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(K)
}

/// MurmurHash3's finaliser: Fx mixing alone leaves the low bits poorly spread, and hash maps
/// keyed on the raw `u64` (see [`PassThroughHasher`]) need them spread.
#[inline]
const fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// An incremental, deterministic 64-bit hash of a feature: a template id followed by its parts.
///
/// ```
/// use annals::model::FeatureHash;
/// let a = FeatureHash::new(3).str("suffix").str("ing").finish();
/// let b = FeatureHash::new(3).str("suffix").str("ing").finish();
/// assert_eq!(a, b);
/// assert_ne!(a, FeatureHash::new(3).str("suffixi").str("ng").finish());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureHash(u64);

impl FeatureHash {
    /// Start a feature of template `template` (each feature kind gets its own id so that equal
    /// parts under different templates do not collide).
    #[inline]
    pub const fn new(template: u32) -> FeatureHash {
        FeatureHash(mix(SEED, template as u64))
    }

    /// Add a string part. Parts are length-delimited, so `("ab", "c")` and `("a", "bc")` differ.
    #[inline]
    pub fn str(self, s: &str) -> FeatureHash {
        self.bytes(s.as_bytes())
    }

    /// Add a byte-string part (length-delimited, like [`FeatureHash::str`]).
    #[inline]
    pub fn bytes(self, b: &[u8]) -> FeatureHash {
        let mut h = self.0;
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = mix(h, u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        // The tail has at most 7 bytes, so the top byte is free for the length.
        h = mix(h, u64::from_le_bytes(w) ^ ((b.len() as u64) << 56));
        FeatureHash(h)
    }

    /// Add an integer part (a class index, a flag set, or a part hashed earlier).
    #[inline]
    pub const fn u64(self, x: u64) -> FeatureHash {
        FeatureHash(mix(self.0, x))
    }

    #[inline]
    pub const fn finish(self) -> u64 {
        avalanche(self.0)
    }
}

/// A `Hasher` for keys that are already [`FeatureHash`] values: hashing them again would only
/// cost time.
#[derive(Default, Clone, Copy, Debug)]
pub struct PassThroughHasher(u64);

impl Hasher for PassThroughHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // Only reached for non-u64 keys; fold them in rather than misbehave.
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }

    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// A map keyed by feature hashes.
pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<PassThroughHasher>>;

/// Checksum of a model file's body (everything before the trailing 8 bytes).
fn checksum(bytes: &[u8]) -> u64 {
    FeatureHash::new(0xC5C5).bytes(bytes).finish()
}

/// Builds a model file: little-endian values, then [`Writer::finish`] appends the checksum.
#[derive(Default, Debug)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub fn new(magic: &[u8; 8], version: u32) -> Writer {
        let mut w = Writer { buf: Vec::new() };
        w.buf.extend_from_slice(magic);
        w.u32(version);
        w
    }

    pub fn u8(&mut self, x: u8) {
        self.buf.push(x);
    }

    pub fn u32(&mut self, x: u32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }

    pub fn u64(&mut self, x: u64) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }

    pub fn f32(&mut self, x: f32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }

    /// A length-prefixed UTF-8 string.
    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// A count or length. Model parts are far below 4 GiB; saturating keeps this panic-free and
    /// the reader then rejects the file.
    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    /// The file's bytes, with the checksum appended.
    pub fn finish(mut self) -> Vec<u8> {
        let sum = checksum(&self.buf);
        self.u64(sum);
        self.buf
    }
}

/// Reads a model file written by [`Writer`]. Every read is bounds-checked.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Check the magic bytes, the version and the trailing checksum, and position the reader
    /// after the header.
    pub fn open(
        bytes: &'a [u8],
        magic: &[u8; 8],
        what: &'static str,
        version: u32,
    ) -> Result<Reader<'a>, ModelError> {
        if bytes.len() < 8 || &bytes[..8] != magic {
            return Err(ModelError::BadMagic { expected: what });
        }
        let body_len =
            bytes
                .len()
                .checked_sub(8)
                .filter(|&n| n >= 12)
                .ok_or(ModelError::Truncated {
                    offset: bytes.len(),
                    needed: 20usize.saturating_sub(bytes.len()),
                })?;
        let (body, sum) = bytes.split_at(body_len);
        let mut r = Reader {
            bytes: body,
            pos: 8,
        };
        let found = r.u32()?;
        if found != version {
            return Err(ModelError::Version {
                what,
                found,
                supported: version,
            });
        }
        let mut s = [0u8; 8];
        s.copy_from_slice(sum);
        if u64::from_le_bytes(s) != checksum(body) {
            return Err(ModelError::Checksum);
        }
        Ok(r)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(ModelError::Truncated {
                offset: self.pos,
                needed: n.saturating_sub(self.remaining()),
            }),
        }
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    pub fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.array::<1>()?[0])
    }

    pub fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    /// A finite `f32` (a NaN or infinite weight would poison every score it touches).
    pub fn f32(&mut self) -> Result<f32, ModelError> {
        let x = f32::from_le_bytes(self.array()?);
        if x.is_finite() {
            Ok(x)
        } else {
            Err(ModelError::Corrupt(format!(
                "non-finite number at offset {}",
                self.pos - 4
            )))
        }
    }

    pub fn str(&mut self) -> Result<&'a str, ModelError> {
        let n = self.len(1)?;
        let at = self.pos;
        std::str::from_utf8(self.take(n)?)
            .map_err(|_| ModelError::Corrupt(format!("invalid UTF-8 in a string at offset {at}")))
    }

    /// A count of items that take at least `min_item_bytes` each: rejecting counts the rest of
    /// the file cannot hold keeps a corrupt count from triggering a huge allocation.
    pub fn len(&mut self, min_item_bytes: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        let needed = n.saturating_mul(min_item_bytes.max(1));
        if needed > self.remaining() && n > 0 {
            return Err(ModelError::Truncated {
                offset: self.pos,
                needed: needed - self.remaining(),
            });
        }
        Ok(n)
    }

    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    /// Fail unless every byte was read: trailing bytes mean a writer and reader disagree.
    pub fn end(&self) -> Result<(), ModelError> {
        if self.remaining() == 0 {
            Ok(())
        } else {
            Err(ModelError::Corrupt(format!(
                "{} unexpected bytes at offset {}",
                self.remaining(),
                self.pos
            )))
        }
    }
}

/// A small deterministic PRNG (SplitMix64) for shuffling training data: the same seed gives the
/// same order, and so the same model bytes, on every platform.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), by Lemire's multiply-shift; the bias is below 2^-32 for the
    /// sizes we shuffle.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_hash_is_fixed_across_builds() {
        // Pinned values: if these change, every shipped model silently loses its features.
        let h = FeatureHash::new(1).str("hello").finish();
        assert_eq!(h, FeatureHash::new(1).str("hello").finish());
        assert_eq!(h, 0x4c7c_c26b_c089_14ce, "got {h:#x}");
        assert_ne!(
            FeatureHash::new(1).str("ab").str("c").finish(),
            FeatureHash::new(1).str("a").str("bc").finish()
        );
        assert_ne!(
            FeatureHash::new(1).str("x").finish(),
            FeatureHash::new(2).str("x").finish()
        );
        // Length-delimited even for long parts.
        assert_ne!(
            FeatureHash::new(1).str("abcdefgh").finish(),
            FeatureHash::new(1).str("abcdefgh\0").finish()
        );
    }

    #[test]
    fn reader_rejects_short_and_wrong_files() {
        let magic = b"TESTMAGC";
        assert!(matches!(
            Reader::open(b"", magic, "test", 1),
            Err(ModelError::BadMagic { .. })
        ));
        assert!(matches!(
            Reader::open(b"TESTMAGC", magic, "test", 1),
            Err(ModelError::Truncated { .. })
        ));
        let mut w = Writer::new(magic, 2);
        w.str("x");
        let bytes = w.finish();
        assert!(matches!(
            Reader::open(&bytes, magic, "test", 1),
            Err(ModelError::Version { found: 2, .. })
        ));
        let mut bad = bytes.clone();
        bad[13] ^= 1;
        assert_eq!(
            Reader::open(&bad, magic, "test", 2).unwrap_err(),
            ModelError::Checksum
        );
        let mut r = Reader::open(&bytes, magic, "test", 2).unwrap();
        assert_eq!(r.str().unwrap(), "x");
        r.end().unwrap();
        assert!(r.u32().is_err());
    }

    #[test]
    fn reader_rejects_impossible_counts() {
        let mut w = Writer::new(b"TESTMAGC", 1);
        w.u32(u32::MAX);
        let bytes = w.finish();
        let mut r = Reader::open(&bytes, b"TESTMAGC", "test", 1).unwrap();
        assert!(matches!(r.len(4), Err(ModelError::Truncated { .. })));
    }

    #[test]
    fn shuffle_is_reproducible() {
        let mut a: Vec<u32> = (0..100).collect();
        let mut b = a.clone();
        SplitMix64::new(7).shuffle(&mut a);
        SplitMix64::new(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..100).collect::<Vec<_>>());
        let mut empty: [u8; 0] = [];
        SplitMix64::new(7).shuffle(&mut empty);
    }
}
