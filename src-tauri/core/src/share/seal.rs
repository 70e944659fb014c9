//! Sealing and opening share files with age (age-encryption.org/v1): to one
//! or more X25519 recipients or to one passphrase (scrypt), optionally ASCII
//! armored. Everything happens in memory; a file is decrypted whole, and its
//! authentication checked to the last byte, before any of it is used.
//!
//! Limits that keep a hostile file harmless: at most [`MAX_FILE_BYTES`] in,
//! at most [`MAX_PLAINTEXT_BYTES`] out, and an scrypt work factor of at most
//! [`MAX_SCRYPT_WORK_FACTOR`] (the Go tool writes 18), so a file asking for
//! minutes of work is refused at once.

use std::io::{Read, Write};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
pub const MAX_PLAINTEXT_BYTES: usize = 32 * 1024 * 1024;
pub const MAX_SCRYPT_WORK_FACTOR: u8 = 20;
/// What Praxis writes for a passphrase: the Go tool's default.
pub const SCRYPT_WORK_FACTOR: u8 = 18;

/// This person's sharing key: an age X25519 identity. Never printed.
pub struct SharingIdentity(age::x25519::Identity);

impl std::fmt::Debug for SharingIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharingIdentity({})", self.public_key())
    }
}

impl SharingIdentity {
    /// A new identity from the operating system's secure random source.
    pub fn generate() -> SharingIdentity {
        SharingIdentity(age::x25519::Identity::generate())
    }

    /// Reads `AGE-SECRET-KEY-1…` (as in an identity file; `#` lines are skipped).
    pub fn parse(text: &str) -> Result<SharingIdentity> {
        let line = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("");
        age::x25519::Identity::from_str(line)
            .map(SharingIdentity)
            .map_err(|_| Error::invalid("That is not an age identity (it starts with AGE-SECRET-KEY-1)."))
    }

    /// The secret, for keeping it in the encrypted journal.
    pub fn to_secret(&self) -> SecretString {
        self.0.to_string()
    }

    /// The public key to give to others: `age1…`.
    pub fn public_key(&self) -> String {
        self.0.to_public().to_string()
    }

    pub fn recipient(&self) -> age::x25519::Recipient {
        self.0.to_public()
    }
}

/// Reads an `age1…` public key. Its Bech32 checksum catches a mistyped or
/// truncated key.
pub fn parse_recipient(text: &str) -> Result<age::x25519::Recipient> {
    let trimmed = text.trim();
    age::x25519::Recipient::from_str(trimmed).map_err(|_| {
        Error::invalid(format!(
            "\"{}\" is not a valid sharing key. A sharing key starts with age1 and is 62 characters long; \
             check it for a typo (its last characters are a checksum).",
            crate::limits::shortened(trimmed, 70)
        ))
    })
}

/// A short fingerprint of a public key to read aloud: `ABCD-EFGH-IJKL`.
pub fn fingerprint(public_key: &str) -> String {
    let digest = Sha256::digest(public_key.trim().as_bytes());
    let text = data_encoding::BASE32_NOPAD.encode(&digest[..8]);
    text.as_bytes()[..12].chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect::<Vec<_>>().join("-")
}

/// The SHA-256 of a file, in hex: what the share log keeps.
pub fn sha256_hex(bytes: &[u8]) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(bytes))
}

/// Six random words (EFF's long list, about 77 bits) to read to a coach by phone.
pub fn generate_passphrase() -> Result<SecretString> {
    let words = &diceware_wordlists::EFF_LONG_WORDLIST;
    let mut picked = Vec::with_capacity(6);
    for _ in 0..6 {
        let mut bytes = [0u8; 4];
        // Rejection sampling keeps every word equally likely.
        loop {
            getrandom::fill(&mut bytes).map_err(|e| Error::invalid(format!("No random source ({e}).")))?;
            let n = u32::from_le_bytes(bytes);
            let limit = u32::MAX - (u32::MAX % words.len() as u32);
            if n < limit {
                picked.push(words[(n % words.len() as u32) as usize]);
                break;
            }
        }
    }
    Ok(SecretString::from(picked.join("-")))
}

/// Who a file is sealed to.
pub enum SealTo {
    /// One or more public keys (the coach's, and the writer's own).
    Recipients(Vec<age::x25519::Recipient>),
    /// A passphrase (the only stanza of the file).
    Passphrase(SecretString),
}

/// Encrypts `plaintext` for `to`, ASCII-armored if asked.
pub fn seal(plaintext: &[u8], to: &SealTo, armor: bool) -> Result<Vec<u8>> {
    let failed = |e: &dyn std::fmt::Display| Error::invalid(format!("The share could not be encrypted ({e})."));
    let encryptor = match to {
        SealTo::Recipients(recipients) => {
            if recipients.is_empty() {
                return Err(Error::invalid("Choose who the share is for."));
            }
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| failed(&e))?
        }
        SealTo::Passphrase(passphrase) => {
            let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
            recipient.set_work_factor(SCRYPT_WORK_FACTOR);
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|e| failed(&e))?
        }
    };
    let mut out = Vec::with_capacity(plaintext.len() + 512);
    let format = if armor { age::armor::Format::AsciiArmor } else { age::armor::Format::Binary };
    let armored = age::armor::ArmoredWriter::wrap_output(&mut out, format).map_err(|e| failed(&e))?;
    let mut writer = encryptor.wrap_output(armored).map_err(|e| failed(&e))?;
    writer.write_all(plaintext).map_err(|e| failed(&e))?;
    writer.finish().and_then(|armored| armored.finish()).map_err(|e| failed(&e))?;
    Ok(out)
}

/// What opens a file.
pub enum OpenWith<'a> {
    Identity(&'a SharingIdentity),
    /// An identity given as a file (`age-keygen` output), for the CLI.
    Identities(&'a [SharingIdentity]),
    Passphrase(SecretString),
}

fn unreadable(reason: impl Into<String>) -> Error {
    Error::ShareInvalid(reason.into())
}

fn too_large(bytes: u64) -> Error {
    unreadable(format!(
        "The file is {} MB; Praxis opens shares of up to {} MB. Nothing was stored.",
        crate::limits::megabytes(bytes),
        MAX_FILE_BYTES / (1024 * 1024)
    ))
}

/// Reads a share or feedback file from disk for [`open`]: refused by its
/// length before it is read, and never read past [`MAX_FILE_BYTES`], so a
/// file of gigabytes costs nothing.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    match crate::limits::read_capped(path, MAX_FILE_BYTES as u64).map_err(|e| Error::io(path, e))? {
        crate::limits::Capped::Bytes(bytes) => Ok(bytes),
        crate::limits::Capped::TooLarge { size } => Err(too_large(size)),
    }
}

/// Decrypts a whole file. Errors name what is wrong in a sentence: not an
/// age file, not for this key, a wrong passphrase, too much work asked,
/// damaged or cut short, too large.
pub fn open(file: &[u8], with: &OpenWith<'_>) -> Result<Zeroizing<Vec<u8>>> {
    if file.len() > MAX_FILE_BYTES {
        return Err(too_large(file.len() as u64));
    }
    // Armor may be surrounded by white space (a pasted email); a binary age
    // file must start with its version line.
    let trimmed = file.trim_ascii();
    let file = if trimmed.starts_with(BEGIN.as_bytes()) {
        trimmed
    } else if file.starts_with(b"age-encryption.org/") {
        file
    } else {
        return Err(unreadable("This is not a share file: it is not age-encrypted. Nothing was stored."));
    };
    let decryptor = age::Decryptor::new(age::armor::ArmoredReader::new(file)).map_err(map_error)?;
    let reader = match with {
        OpenWith::Passphrase(passphrase) => {
            if !decryptor.is_scrypt() {
                return Err(Error::ShareNotForYou);
            }
            let mut identity = age::scrypt::Identity::new(passphrase.clone());
            identity.set_max_work_factor(MAX_SCRYPT_WORK_FACTOR);
            decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| match e {
                age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed => Error::ShareWrongPassphrase,
                other => map_error(other),
            })?
        }
        OpenWith::Identity(identity) => {
            if decryptor.is_scrypt() {
                return Err(Error::ShareNeedsPassphrase);
            }
            decryptor.decrypt(std::iter::once(&identity.0 as &dyn age::Identity)).map_err(map_error)?
        }
        OpenWith::Identities(identities) => {
            if decryptor.is_scrypt() {
                return Err(Error::ShareNeedsPassphrase);
            }
            decryptor.decrypt(identities.iter().map(|i| &i.0 as &dyn age::Identity)).map_err(map_error)?
        }
    };
    let mut plaintext = Zeroizing::new(Vec::new());
    reader.take(MAX_PLAINTEXT_BYTES as u64 + 1).read_to_end(&mut plaintext).map_err(|_| {
        unreadable("The file is damaged or cut short: its content does not check out. Nothing was stored.")
    })?;
    if plaintext.len() > MAX_PLAINTEXT_BYTES {
        return Err(unreadable("The file's content is larger than Praxis opens. Nothing was stored."));
    }
    Ok(plaintext)
}

fn map_error(err: age::DecryptError) -> Error {
    use age::DecryptError as E;
    match err {
        E::NoMatchingKeys => Error::ShareNotForYou,
        E::ExcessiveWork { required, .. } => unreadable(format!(
            "The file's passphrase protection asks for too much work to open (scrypt work factor {required}; \
             Praxis allows up to {MAX_SCRYPT_WORK_FACTOR}). Ask the sender to encrypt it again with Praxis or age."
        )),
        E::InvalidHeader | E::UnknownFormat => {
            unreadable("This is not a share file: it is not age-encrypted, or its beginning is damaged.")
        }
        E::InvalidMac => unreadable("The file's header is damaged (its check failed). Ask for the file again."),
        E::DecryptionFailed | E::KeyDecryptionFailed => {
            unreadable("The file is damaged: it could not be decrypted. Ask for the file again.")
        }
        E::Io(_) => unreadable("The file is damaged or cut short. Ask for the file again."),
    }
}

const BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----";
const END: &str = "-----END AGE ENCRYPTED FILE-----";

/// Armored text as a person pasted it, back in its canonical shape: mail
/// programs and text fields rewrap lines or drop the line breaks, which
/// strict armor parsing refuses. Only for pasted text; files are read as they are.
pub fn from_pasted_text(text: &str) -> Vec<u8> {
    let trimmed = text.trim();
    let Some(body) = trimmed.strip_prefix(BEGIN).and_then(|rest| rest.strip_suffix(END)) else {
        return trimmed.as_bytes().to_vec();
    };
    let base64: Vec<u8> = body.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(base64.len() + base64.len() / 64 + 80);
    out.extend_from_slice(BEGIN.as_bytes());
    out.push(b'\n');
    for line in base64.chunks(64) {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out.extend_from_slice(END.as_bytes());
    out.push(b'\n');
    out
}

/// Exposes a passphrase for showing it once to the person who will read it aloud.
pub fn expose(passphrase: &SecretString) -> &str {
    passphrase.expose_secret()
}
