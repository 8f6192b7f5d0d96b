//! The byte format of detector state: magic, the detector's name, then
//! little-endian fields. This is the Rust engine's own format ("EWR1"); it is
//! not interchangeable with the TS engine's ("EWW1"), and each refuses the
//! other's bytes as "not an edgewatch state blob" instead of misreading them.

use crate::DetectorError;

/// "EWR1" read as a little-endian u32: edgewatch Rust detector state, format 1.
const MAGIC: u32 = u32::from_le_bytes(*b"EWR1");

/// Appends fields to a growing byte buffer; [`StateWriter::finish`] returns it.
#[derive(Debug)]
pub struct StateWriter {
    bytes: Vec<u8>,
}

impl StateWriter {
    /// Start the state of the detector named `tag`.
    pub fn new(tag: &str) -> Self {
        let mut w = Self { bytes: Vec::with_capacity(16 * 1024) };
        w.u32(MAGIC);
        w.u32(tag.len() as u32);
        w.bytes.extend_from_slice(tag.as_bytes());
        w
    }

    /// Append a u32.
    pub fn u32(&mut self, v: u32) -> &mut Self {
        self.bytes.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// Append a u64.
    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.bytes.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// Append an f64 exactly.
    pub fn f64(&mut self, v: f64) -> &mut Self {
        self.bytes.extend_from_slice(&v.to_le_bytes());
        self
    }

    /// Append a length-prefixed run of `len` f64.
    pub fn f64s(&mut self, values: impl Iterator<Item = f64>, len: usize) -> &mut Self {
        self.u32(len as u32);
        for v in values {
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
        self
    }

    /// Append a length-prefixed run of `len` f32 (values that are already f32-exact).
    pub fn f32s(&mut self, values: impl Iterator<Item = f32>, len: usize) -> &mut Self {
        self.u32(len as u32);
        for v in values {
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
        self
    }

    /// The encoded bytes.
    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Reads what a [`StateWriter`] wrote; truncated, foreign or oversized state is an error.
#[derive(Debug)]
pub struct StateReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

fn state_error(message: impl Into<String>) -> DetectorError {
    DetectorError::State(message.into())
}

impl<'a> StateReader<'a> {
    /// Open `bytes`, checking they are state written for detector `tag`.
    pub fn new(bytes: &'a [u8], tag: &str) -> Result<Self, DetectorError> {
        let mut r = Self { bytes, at: 0 };
        if bytes.len() < 8 || r.u32()? != MAGIC {
            return Err(state_error("not an edgewatch state blob of the wasm engine"));
        }
        let n = r.u32()? as usize;
        let found = r.take(n)?;
        if found != tag.as_bytes() {
            let found = String::from_utf8_lossy(found);
            return Err(state_error(format!("written by \"{found}\", cannot restore as \"{tag}\"")));
        }
        Ok(r)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DetectorError> {
        if n > self.bytes.len() - self.at {
            return Err(state_error("truncated"));
        }
        let out = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], DetectorError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    /// Read a u32.
    pub fn u32(&mut self) -> Result<u32, DetectorError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    /// Read a u64.
    pub fn u64(&mut self) -> Result<u64, DetectorError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    /// Read an f64.
    pub fn f64(&mut self) -> Result<f64, DetectorError> {
        Ok(f64::from_le_bytes(self.array()?))
    }

    /// Read a run of f64 into `out`, which must be exactly its length.
    pub fn f64s_exact(&mut self, out: &mut [f64]) -> Result<(), DetectorError> {
        let n = self.u32()? as usize;
        if n != out.len() {
            return Err(state_error(format!("array of {n}, expected {}", out.len())));
        }
        for v in out.iter_mut() {
            *v = self.f64()?;
        }
        Ok(())
    }

    /// Read a run of f64 of at most `max` values into the front of `out`; returns how many.
    pub fn f64s_upto(&mut self, out: &mut [f64], max: usize) -> Result<usize, DetectorError> {
        let n = self.u32()? as usize;
        if n > max || n > out.len() {
            return Err(state_error(format!("array of {n}, more than its capacity {max}")));
        }
        for v in &mut out[..n] {
            *v = self.f64()?;
        }
        Ok(n)
    }

    /// Read a run of f32 (widened to f64) of at most `max` values into the front of `out`.
    pub fn f32s_upto(&mut self, out: &mut [f64], max: usize) -> Result<usize, DetectorError> {
        let n = self.u32()? as usize;
        if n > max || n > out.len() {
            return Err(state_error(format!("array of {n}, more than its capacity {max}")));
        }
        for v in &mut out[..n] {
            *v = f64::from(f32::from_le_bytes(self.array()?));
        }
        Ok(n)
    }

    /// Fail unless every byte was read (catches a format mismatch early).
    pub fn end(&self) -> Result<(), DetectorError> {
        if self.at != self.bytes.len() {
            return Err(state_error("trailing bytes"));
        }
        Ok(())
    }
}
