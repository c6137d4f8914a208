pub(crate) mod value;
