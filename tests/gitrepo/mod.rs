//! Temporary git repositories for the tests of revisions and reviews: commit a set of files
//! (with any git file mode, so symbolic links and submodules too) and get the commit back.

#![allow(dead_code)] // reason: each test file uses a part of this helper

use std::collections::BTreeMap;
use std::path::Path;

use git2::{Oid, Repository, Signature};
use tempfile::TempDir;

pub const FILE: i32 = 0o100644;
pub const SYMLINK: i32 = 0o120000;
pub const SUBMODULE: i32 = 0o160000;

/// An entry of a commit: a blob with a mode, or a submodule pointing at a commit id.
pub enum Entry {
    Blob(i32, Vec<u8>),
    Submodule(Oid),
}

/// A repository in a temporary folder, removed when dropped.
pub struct TestRepo {
    pub dir: TempDir,
    pub repo: Repository,
}

impl TestRepo {
    pub fn new() -> TestRepo {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let repo = Repository::init(dir.path()).expect("git init");
        TestRepo { dir, repo }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Commits exactly `files` (path → text) as the whole tree, on HEAD; returns the commit.
    pub fn commit_files(&self, message: &str, files: &[(&str, &str)]) -> Oid {
        let entries = files
            .iter()
            .map(|(p, t)| (p.to_string(), Entry::Blob(FILE, t.as_bytes().to_vec())))
            .collect();
        self.commit(message, entries)
    }

    /// Commits exactly `entries` as the whole tree, on HEAD.
    pub fn commit(&self, message: &str, entries: Vec<(String, Entry)>) -> Oid {
        let tree = self.tree(entries, "");
        let tree = self.repo.find_tree(tree).expect("the tree just written");
        let sig = Signature::now("Test", "test@example.invalid").expect("a signature");
        let parent = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        self.repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .expect("a commit")
    }

    /// Tags a commit with a lightweight tag, so tests can name revisions.
    pub fn tag(&self, name: &str, commit: Oid) {
        let obj = self.repo.find_object(commit, None).expect("the commit");
        self.repo.tag_lightweight(name, &obj, true).expect("a tag");
    }

    fn tree(&self, entries: Vec<(String, Entry)>, _prefix: &str) -> Oid {
        let mut here: Vec<(String, Entry)> = Vec::new();
        let mut below: BTreeMap<String, Vec<(String, Entry)>> = BTreeMap::new();
        for (path, e) in entries {
            match path.split_once('/') {
                Some((dir, rest)) => below
                    .entry(dir.to_owned())
                    .or_default()
                    .push((rest.to_owned(), e)),
                None => here.push((path, e)),
            }
        }
        let mut builder = self.repo.treebuilder(None).expect("a tree builder");
        for (name, e) in here {
            match e {
                Entry::Blob(mode, bytes) => {
                    let id = self.repo.blob(&bytes).expect("a blob");
                    builder.insert(&name, id, mode).expect("an entry");
                }
                Entry::Submodule(id) => {
                    builder.insert(&name, id, SUBMODULE).expect("an entry");
                }
            }
        }
        for (dir, sub) in below {
            let id = self.tree(sub, &dir);
            builder.insert(&dir, id, 0o040000).expect("a folder");
        }
        builder.write().expect("a tree")
    }
}

/// The text of one of the example onboardings in `onboardings/`.
pub fn example(hsa_id: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("onboardings")
        .join(format!("{hsa_id}.yaml"));
    std::fs::read_to_string(path).expect("an example onboarding")
}

/// The example Region Norrsund: QA only, everything to order.
pub const NORRSUND: &str = "SE2321990018-E000000000001";
/// The example Region Sjöland: QA done, PROD ordered.
pub const SJOLAND: &str = "SE2321990042-E000000000004";

/// `onboardings/<id>.yaml`.
pub fn path_of(hsa_id: &str) -> String {
    format!("onboardings/{hsa_id}.yaml")
}
