//! Onboardings at a git revision, read straight from the object database: no checkout, no
//! working-tree changes, any revision git understands (`main`, `HEAD~1`, `origin/main`, a hash).
//!
//! A revision is one more source of [`RawFile`]s, named `REV:path` so that findings say which
//! side of a change they concern. The reading follows the folder source: `*.yaml` and `*.yml`
//! files, in name order, recursively. What the folder source reports, this one reports too: a
//! symbolic link is a finding and is not followed (its target could be anywhere), and so is a
//! submodule, whose content is another repository; a blob over the size limit is not loaded at
//! all (its size comes from the object header). That the revision or the repository is missing
//! is not a finding but an [`Err`]: the command cannot run.

use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository, Tree, TreeWalkMode, TreeWalkResult};

use crate::source::{Content, RawFile, is_yaml_name};

/// Git file modes of the entries that are not plain files.
const MODE_SYMLINK: i32 = 0o120000;
const MODE_SUBMODULE: i32 = 0o160000;

/// An opened repository.
pub struct Repo {
    repo: Repository,
}

impl std::fmt::Debug for Repo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repo")
            .field("path", &self.repo.path())
            .finish()
    }
}

/// The tree of one revision.
pub struct Revision<'r> {
    repo: &'r Repo,
    /// The revision as the user wrote it; the prefix of every file name.
    pub spec: String,
    /// The commit it resolved to.
    pub commit: Oid,
    tree: Tree<'r>,
}

impl Repo {
    /// The repository that contains `dir` (searching upwards, as `git` does).
    pub fn discover(dir: &Path) -> Result<Repo, String> {
        Repository::discover(dir)
            .map(|repo| Repo { repo })
            .map_err(|e| {
                format!(
                    "{} is not inside a git repository: {}",
                    shown(dir),
                    e.message()
                )
            })
    }

    /// The working tree's root, if the repository has one (a bare repository has none).
    pub fn workdir(&self) -> Option<&Path> {
        self.repo.workdir()
    }

    /// The tree at `spec`. A revision that does not exist, or names no commit or tree, is an `Err`.
    pub fn revision(&self, spec: &str) -> Result<Revision<'_>, String> {
        let object = self
            .repo
            .revparse_single(spec)
            .map_err(|e| format!("unknown revision `{spec}`: {}", e.message()))?;
        let commit = object
            .peel_to_commit()
            .map(|c| c.id())
            .unwrap_or_else(|_| object.id());
        let tree = object
            .peel_to_tree()
            .map_err(|_| format!("revision `{spec}` does not name a commit or a tree"))?;
        Ok(Revision {
            repo: self,
            spec: spec.to_owned(),
            commit,
            tree,
        })
    }
}

impl Revision<'_> {
    /// The name of `path` at this revision, as findings show it: `REV:path`.
    pub fn name(&self, path: &str) -> String {
        format!("{}:{path}", self.spec)
    }

    /// The files under each of `paths` (files or folders inside the tree, relative to its
    /// root), as the folder source would find them. A path missing from the tree is an `Err`.
    pub fn collect(&self, paths: &[PathBuf], max_size: u64) -> Result<Vec<RawFile>, String> {
        let mut out = Vec::new();
        for p in paths {
            let rel = tree_path(p);
            if rel.is_empty() {
                self.walk(&self.tree, "", max_size, &mut out)?;
                continue;
            }
            let entry = self.tree.get_path(Path::new(&rel)).map_err(|_| {
                format!(
                    "revision `{}` has no `{rel}` (the tree at {} does not contain it)",
                    self.spec,
                    short(self.commit)
                )
            })?;
            match entry.kind() {
                Some(ObjectType::Tree) => {
                    let tree = entry
                        .to_object(&self.repo.repo)
                        .and_then(|o| o.peel_to_tree())
                        .map_err(|e| format!("{}: {}", self.name(&rel), e.message()))?;
                    self.walk(&tree, &rel, max_size, &mut out)?;
                }
                _ => out.push(self.read_entry(&rel, entry.id(), entry.filemode(), max_size)),
            }
        }
        Ok(out)
    }

    /// Whether the tree has anything at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.tree.get_path(Path::new(path)).is_ok()
    }

    /// The bytes of the blob at `path`, if there is one; `None` when it is absent.
    pub fn blob(&self, path: &str) -> Option<Vec<u8>> {
        let entry = self.tree.get_path(Path::new(path)).ok()?;
        let blob = self.repo.repo.find_blob(entry.id()).ok()?;
        Some(blob.content().to_vec())
    }

    fn walk(
        &self,
        tree: &Tree<'_>,
        prefix: &str,
        max_size: u64,
        out: &mut Vec<RawFile>,
    ) -> Result<(), String> {
        let mut found = Vec::new();
        tree.walk(TreeWalkMode::PreOrder, |root, entry| {
            let Ok(name) = entry.name() else {
                return TreeWalkResult::Skip;
            };
            let rel = join(prefix, &format!("{root}{name}"));
            let mode = entry.filemode();
            let yaml = is_yaml_name(Path::new(name));
            if mode == MODE_SUBMODULE || (yaml && entry.kind() != Some(ObjectType::Tree)) {
                found.push((rel, entry.id(), mode));
            }
            TreeWalkResult::Ok
        })
        .map_err(|e| format!("cannot read revision `{}`: {}", self.spec, e.message()))?;
        // Git sorts a tree's entries by name with `/` after a folder's name; the folder source
        // sorts by path components. Sort by the path so that both list files alike.
        found.sort_by(|a, b| a.0.cmp(&b.0));
        for (rel, id, mode) in found {
            out.push(self.read_entry(&rel, id, mode, max_size));
        }
        Ok(())
    }

    fn read_entry(&self, rel: &str, id: Oid, mode: i32, max_size: u64) -> RawFile {
        let name = self.name(rel);
        let content = match mode {
            // The blob of a link is its target's path, the same finding as in a folder.
            MODE_SYMLINK => match self.read_blob(id, 4096) {
                Content::Bytes(target) => Content::Symlink {
                    target: String::from_utf8_lossy(&target).into_owned(),
                },
                _ => Content::Unreadable("it is a symbolic link, which is not followed".into()),
            },
            MODE_SUBMODULE => Content::Unreadable(
                "it is a git submodule, another repository, which is not read".into(),
            ),
            _ => self.read_blob(id, max_size),
        };
        RawFile { name, content }
    }

    fn read_blob(&self, id: Oid, max_size: u64) -> Content {
        let odb = match self.repo.repo.odb() {
            Ok(odb) => odb,
            Err(e) => return Content::Unreadable(e.message().to_owned()),
        };
        match odb.read_header(id) {
            Ok((size, _)) if size as u64 > max_size => return Content::TooLarge(size as u64),
            Ok((_, ObjectType::Blob)) => {}
            Ok((_, kind)) => return Content::Unreadable(format!("it is a git {kind}, not a file")),
            Err(e) => return Content::Unreadable(e.message().to_owned()),
        }
        match self.repo.repo.find_blob(id) {
            Ok(blob) => Content::Bytes(blob.content().to_vec()),
            Err(e) => Content::Unreadable(e.message().to_owned()),
        }
    }
}

/// A command-line path as a path inside a tree: `/` separators, no `./`, no trailing `/`.
fn tree_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let parts: Vec<&str> = s
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    parts.join("/")
}

fn join(prefix: &str, rel: &str) -> String {
    if prefix.is_empty() {
        rel.to_owned()
    } else {
        format!("{prefix}/{rel}")
    }
}

/// A commit id as people read it: its first 12 hex digits.
pub fn short(id: Oid) -> String {
    id.to_string()[..12].to_owned()
}

fn shown(dir: &Path) -> String {
    let s = dir.display().to_string();
    if s.is_empty() || s == "." {
        "the current folder".into()
    } else {
        format!("`{s}`")
    }
}

#[cfg(test)]
mod tests {
    use super::tree_path;
    use std::path::Path;

    #[test]
    fn tree_paths() {
        assert_eq!(tree_path(Path::new("onboardings")), "onboardings");
        assert_eq!(tree_path(Path::new("./onboardings/")), "onboardings");
        assert_eq!(
            tree_path(Path::new("onboardings/a.yaml")),
            "onboardings/a.yaml"
        );
        assert_eq!(tree_path(Path::new(".")), "");
    }
}
