//! Why an uploaded image was refused. The server decides; the page that the browser comes
//! back to shows the sentence next to the file field, from a short code in its address (so
//! no address can make the page display text of someone else's choosing).

/// Why an upload was refused: each says what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ImageProblem {
    /// Nothing was chosen.
    #[error("Choose an image file to upload.")]
    Empty,
    /// Over the size limit.
    #[error("This file is over 10 MB; please choose a smaller image.")]
    TooLarge,
    /// Not a format we read, whatever its name says.
    #[error("This file is not a JPEG, PNG, WebP or GIF image.")]
    NotAnImage,
    /// Over the pixel limit on a side.
    #[error("This image has too many pixels (at most 40 megapixels); please choose a smaller one.")]
    TooManyPixels,
    /// The header promised an image the data does not hold.
    #[error("This image is damaged and cannot be read.")]
    Damaged,
    /// The uploader has not confirmed their email address yet.
    #[error(
        "Confirm your email address before uploading images: open the link we mailed you (your account page sends it again)."
    )]
    UnconfirmedAddress,
}

impl ImageProblem {
    const ALL: [Self; 6] = [
        Self::Empty,
        Self::TooLarge,
        Self::NotAnImage,
        Self::TooManyPixels,
        Self::Damaged,
        Self::UnconfirmedAddress,
    ];

    /// The code carried in the address.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::TooLarge => "too-large",
            Self::NotAnImage => "not-an-image",
            Self::TooManyPixels => "too-many-pixels",
            Self::Damaged => "damaged",
            Self::UnconfirmedAddress => "unconfirmed-address",
        }
    }

    /// The problem a code names.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back() {
        for problem in ImageProblem::ALL {
            assert_eq!(ImageProblem::from_code(problem.code()), Some(problem));
        }
        assert_eq!(ImageProblem::from_code("<script>"), None);
    }
}
