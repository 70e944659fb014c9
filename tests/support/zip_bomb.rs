//! A zip bomb made by hand, for the tests that check it is refused cheaply:
//! one `Journal.json` of zeros, deflated with fixed Huffman codes (a zero,
//! then copies of 258 bytes at distance 1: 13 bits each), so a gigabyte
//! takes a few megabytes and no compression work. The size the zip declares
//! is chosen separately, to make a bomb that says what it holds or one that
//! lies about it. (Its CRC is not computed: a reader that trusts the file
//! far enough to check it has already unpacked it all.)
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

/// Bits written least significant first, as deflate packs them.
struct Bits {
    out: Vec<u8>,
    byte: u8,
    used: u8,
}

impl Bits {
    fn bit(&mut self, bit: u32) {
        self.byte |= ((bit & 1) as u8) << self.used;
        self.used += 1;
        if self.used == 8 {
            self.out.push(self.byte);
            self.byte = 0;
            self.used = 0;
        }
    }

    /// A Huffman code: its most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        for i in (0..len).rev() {
            self.bit(code >> i);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            self.out.push(self.byte);
        }
        self.out
    }
}

/// A raw deflate stream of `1 + 258 × copies` zeros.
pub fn deflated_zeros(copies: u64) -> Vec<u8> {
    let mut bits = Bits { out: Vec::with_capacity((copies * 13 / 8 + 16) as usize), byte: 0, used: 0 };
    bits.bit(1); // the final block
    bits.bit(1); // fixed Huffman codes (type 01, least significant bit first)
    bits.bit(0);
    bits.code(0x30, 8); // the literal 0
    for _ in 0..copies {
        bits.code(0b1100_0101, 8); // length 258 (code 285)
        bits.code(0, 5); // distance 1 (code 0)
    }
    bits.code(0, 7); // end of block (code 256)
    bits.finish()
}

/// Writes a zip at `path` whose `Journal.json` unpacks to `1 + 258 ×
/// copies` zeros and declares `declared` bytes. Returns the true size.
pub fn write_zip_bomb(path: &Path, copies: u64, declared: u32) -> u64 {
    let data = deflated_zeros(copies);
    let name = b"Journal.json";
    let mut zip = Vec::with_capacity(data.len() + 200);
    let header = |zip: &mut Vec<u8>, central: bool| {
        if central {
            zip.extend(0x0201_4b50u32.to_le_bytes());
            zip.extend(20u16.to_le_bytes()); // made by
        } else {
            zip.extend(0x0403_4b50u32.to_le_bytes());
        }
        zip.extend(20u16.to_le_bytes()); // version needed
        zip.extend(0u16.to_le_bytes()); // flags
        zip.extend(8u16.to_le_bytes()); // deflate
        zip.extend(0u16.to_le_bytes()); // time
        zip.extend(0x21u16.to_le_bytes()); // 1980-01-01
        zip.extend(0u32.to_le_bytes()); // CRC-32, not computed
        zip.extend((data.len() as u32).to_le_bytes());
        zip.extend(declared.to_le_bytes());
        zip.extend((name.len() as u16).to_le_bytes());
        zip.extend(0u16.to_le_bytes()); // extra field
        if central {
            zip.extend(0u16.to_le_bytes()); // comment
            zip.extend(0u16.to_le_bytes()); // disk
            zip.extend(0u16.to_le_bytes()); // internal attributes
            zip.extend(0u32.to_le_bytes()); // external attributes
            zip.extend(0u32.to_le_bytes()); // offset of the local header
        }
        zip.extend(name);
    };
    header(&mut zip, false);
    zip.extend(&data);
    let central_at = zip.len() as u32;
    header(&mut zip, true);
    let central_len = zip.len() as u32 - central_at;
    zip.extend(0x0605_4b50u32.to_le_bytes());
    zip.extend(0u16.to_le_bytes()); // this disk
    zip.extend(0u16.to_le_bytes()); // the central directory's disk
    zip.extend(1u16.to_le_bytes()); // entries on this disk
    zip.extend(1u16.to_le_bytes()); // entries
    zip.extend(central_len.to_le_bytes());
    zip.extend(central_at.to_le_bytes());
    zip.extend(0u16.to_le_bytes()); // comment
    std::fs::File::create(path).unwrap().write_all(&zip).unwrap();
    1 + 258 * copies
}

/// Copies that make just over a gigabyte of zeros (in about 7 MB).
pub const GIGABYTE_COPIES: u64 = 4_200_000;
