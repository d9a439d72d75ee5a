//! Builds the `fst::Set` that `src/english.rs` embeds, from a word list of one word a line,
//! sorted by bytes and without duplicates (`data/words/words.txt`). `data/words/generate.sh`
//! runs it: `cargo run --example build_word_set -- words.txt words.fst`.

use std::error::Error;
use std::fs::{self, File};
use std::io::BufWriter;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        return Err("usage: build_word_set <words.txt> <words.fst>".into());
    };
    let text = fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let file = File::create(output).map_err(|e| format!("{output}: {e}"))?;
    let mut set = fst::SetBuilder::new(BufWriter::new(file))?;
    for (number, word) in text.lines().enumerate() {
        // The builder refuses a word out of order or repeated: the list must be `sort -u`'s.
        set.insert(word)
            .map_err(|e| format!("{input}:{}: {e}", number + 1))?;
    }
    set.finish()?;
    Ok(())
}
