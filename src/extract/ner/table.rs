//! Storage helpers for the model file: an open-addressing table of 64-bit feature keys that
//! loads without rebuilding, and little-endian writing and checked reading of arrays.

use anyhow::{bail, Result};

/// Open-addressing set of non-zero 64-bit keys; a key's slot indexes parallel value arrays.
///
/// Keys are already well-mixed hashes, so the slot is their low bits; the table is stored slot
/// by slot, which makes loading a plain array read.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyTable {
    slots: Vec<u64>,
}

impl KeyTable {
    /// A table holding `keys` (zeros and duplicates are ignored), at most half full.
    pub(crate) fn build(keys: impl ExactSizeIterator<Item = u64>) -> KeyTable {
        let size = (keys.len() * 2).next_power_of_two().max(2);
        let mut table = KeyTable {
            slots: vec![0; size],
        };
        for key in keys {
            if key == 0 {
                continue;
            }
            let mut slot = table.home(key);
            while table.slots[slot] != 0 && table.slots[slot] != key {
                slot = (slot + 1) & (size - 1);
            }
            table.slots[slot] = key;
        }
        table
    }

    /// The slot where a search for `key` starts.
    fn home(&self, key: u64) -> usize {
        (key as usize) & (self.slots.len() - 1)
    }

    /// The slot holding `key`, if present.
    #[inline]
    pub(crate) fn find(&self, key: u64) -> Option<usize> {
        if key == 0 || self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut slot = self.home(key);
        loop {
            let here = self.slots[slot];
            if here == key {
                return Some(slot);
            }
            if here == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Number of slots (values arrays have this length).
    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    /// The key in each slot, 0 for empty.
    #[cfg(test)]
    pub(crate) fn slots(&self) -> &[u64] {
        &self.slots
    }

    /// Appends the table to a model file.
    pub(crate) fn write(&self, out: &mut Writer) {
        out.u64s(&self.slots);
    }

    /// Reads a table written by [`KeyTable::write`], checking its shape.
    pub(crate) fn read(input: &mut Reader) -> Result<KeyTable> {
        let slots = input.u64s()?;
        if !slots.is_empty() && (!slots.len().is_power_of_two() || slots.iter().all(|&k| k != 0)) {
            bail!("corrupt key table of {} slots", slots.len());
        }
        Ok(KeyTable { slots })
    }
}

/// Little-endian writer for the model file.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    /// The bytes so far.
    pub(crate) bytes: Vec<u8>,
}

impl Writer {
    /// One byte.
    pub(crate) fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    /// A 32-bit integer.
    pub(crate) fn u32(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    /// A length-prefixed byte array.
    pub(crate) fn u8s(&mut self, values: &[u8]) {
        self.u32(values.len() as u32);
        self.bytes.extend_from_slice(values);
    }

    /// A length-prefixed array of 32-bit integers.
    pub(crate) fn u32s(&mut self, values: &[u32]) {
        self.u32(values.len() as u32);
        for v in values {
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
    }

    /// A length-prefixed array of 64-bit integers.
    pub(crate) fn u64s(&mut self, values: &[u64]) {
        self.u32(values.len() as u32);
        for v in values {
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
    }

    /// A length-prefixed array of floats.
    pub(crate) fn f32s(&mut self, values: &[f32]) {
        self.u32(values.len() as u32);
        for v in values {
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
    }

    /// A length-prefixed array of 16-bit integers.
    pub(crate) fn i16s(&mut self, values: &[i16]) {
        self.u32(values.len() as u32);
        for v in values {
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
    }
}

/// Checked little-endian reader: every read fails cleanly on a truncated file.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Reads from the start of `bytes`.
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes }
    }

    /// The next `n` bytes.
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.rest.len() < n {
            bail!(
                "model file truncated: wanted {n} more bytes, {} left",
                self.rest.len()
            );
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    /// Fixed-size chunk, for `from_le_bytes`.
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    /// One byte.
    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    /// A 32-bit integer.
    pub(crate) fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    /// The bytes of `count` items of `width` bytes, after a length prefix.
    fn items(&mut self, width: usize) -> Result<(usize, &'a [u8])> {
        let count = self.u32()? as usize;
        let bytes = self.take(count.saturating_mul(width))?;
        Ok((count, bytes))
    }

    /// A length-prefixed byte array.
    pub(crate) fn u8s(&mut self) -> Result<Vec<u8>> {
        Ok(self.items(1)?.1.to_vec())
    }

    /// A length-prefixed array of 32-bit integers.
    pub(crate) fn u32s(&mut self) -> Result<Vec<u32>> {
        let (_, bytes) = self.items(4)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    /// A length-prefixed array of 64-bit integers.
    pub(crate) fn u64s(&mut self) -> Result<Vec<u64>> {
        let (_, bytes) = self.items(8)?;
        Ok(bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }

    /// A length-prefixed array of floats.
    pub(crate) fn f32s(&mut self) -> Result<Vec<f32>> {
        let (_, bytes) = self.items(4)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    /// A length-prefixed array of 16-bit integers.
    pub(crate) fn i16s(&mut self) -> Result<Vec<i16>> {
        let (_, bytes) = self.items(2)?;
        Ok(bytes
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect())
    }

    /// Whether everything has been read.
    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_finds_what_it_holds() {
        let keys = [7u64, 1 << 40, 15, 23, 31, 0];
        let table = KeyTable::build(keys.iter().copied());
        for key in &keys[..5] {
            let slot = table.find(*key).expect("key present");
            assert_eq!(table.slots()[slot], *key);
        }
        assert_eq!(table.find(8), None);
        assert_eq!(table.find(0), None);
    }

    #[test]
    fn truncated_input_is_an_error() {
        let mut out = Writer::default();
        out.u64s(&[1, 2, 3]);
        let bytes = &out.bytes[..out.bytes.len() - 1];
        assert!(Reader::new(bytes).u64s().is_err());
    }

    // A model trained without a gazetteer has an empty table and failed to load.
    #[test]
    fn empty_table_round_trips() {
        let mut out = Writer::default();
        KeyTable::default().write(&mut out);
        let table = KeyTable::read(&mut Reader::new(&out.bytes)).expect("empty table loads");
        assert_eq!(table.find(5), None);
    }
}
