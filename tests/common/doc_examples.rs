//! The examples of a rule doc (`rules/<id>.md`): fenced blocks tagged `md bad expect=N`,
//! `md good` and `md fixed`; `file=PATH` places a block in the example handbook (default
//! `page.md`), and a block tagged only `md file=PATH` is a context page shared by every
//! example of the doc.

use comrak::nodes::NodeValue;
use comrak::{parse_document, Arena, Options};

#[derive(Debug)]
pub struct Block {
    pub kind: Kind,
    pub file: Option<String>,
    pub expect: Option<usize>,
    pub text: String,
    /// The line of the opening fence in the doc.
    pub line: usize,
}

#[derive(Debug, PartialEq)]
pub enum Kind {
    Bad,
    Good,
    Fixed,
    Context,
}

impl Block {
    /// The page the block is, from the example handbook's root.
    pub fn page(&self) -> &str {
        self.file.as_deref().unwrap_or("page.md")
    }
}

/// The `md` blocks of a doc, in order.
pub fn blocks(doc: &str) -> Vec<Block> {
    let arena = Arena::new();
    let root = parse_document(&arena, doc, &Options::default());
    let mut blocks = Vec::new();
    for node in root.descendants() {
        let data = node.data();
        let NodeValue::CodeBlock(code) = &data.value else {
            continue;
        };
        let mut words = code.info.split_whitespace();
        if words.next() != Some("md") {
            continue;
        }
        let mut block = Block {
            kind: Kind::Context,
            file: None,
            expect: None,
            text: code.literal.clone(),
            line: data.sourcepos.start.line,
        };
        for word in words {
            match word.split_once('=') {
                Some(("file", path)) => block.file = Some(path.to_string()),
                Some(("expect", n)) => block.expect = Some(n.parse().expect("expect=N")),
                _ if word == "bad" => block.kind = Kind::Bad,
                _ if word == "good" => block.kind = Kind::Good,
                _ if word == "fixed" => block.kind = Kind::Fixed,
                _ => panic!(
                    "unknown tag `{word}` on the block at line {}",
                    data.sourcepos.start.line
                ),
            }
        }
        if block.kind == Kind::Context {
            assert!(
                block.file.is_some(),
                "a context block needs file= (line {})",
                block.line
            );
        }
        blocks.push(block);
    }
    blocks
}

/// The context pages of a doc's blocks: `(path, text)`.
pub fn context(blocks: &[Block]) -> Vec<(&str, &str)> {
    blocks
        .iter()
        .filter(|b| b.kind == Kind::Context)
        .map(|b| (b.page(), b.text.as_str()))
        .collect()
}

/// The pages of the handbook a bad or good example runs in: the context pages, the
/// example replacing the context page of its path.
pub fn example_pages<'a>(
    context: &[(&'a str, &'a str)],
    block: &'a Block,
) -> Vec<(&'a str, &'a str)> {
    let mut pages = context.to_vec();
    pages.retain(|(path, _)| *path != block.page());
    pages.push((block.page(), &block.text));
    pages
}
