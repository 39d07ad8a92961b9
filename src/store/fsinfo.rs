//! Is the data directory on a network or sync filesystem? SQLite's locking
//! is unreliable there, so the reader is warned.

use std::path::{Component, Path, PathBuf};

use super::error::StoreWarning;

/// Filesystem types (as in `/proc/self/mountinfo`) reached over a network.
const NETWORK_FS_TYPES: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "ncpfs",
    "9p",
    "afs",
    "ceph",
    "glusterfs",
    "lustre",
    "davfs",
    "sshfs",
    "fuse.sshfs",
    "fuse.davfs2",
    "fuse.rclone",
    "fuse.s3fs",
    "fuse.gcsfuse",
    "fuse.glusterfs",
];

/// Folder names that sync clients keep (compared case-insensitively, by
/// prefix: "OneDrive - Company" is OneDrive too).
const SYNC_FOLDERS: &[&str] = &[
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "icloud",
    "mobile documents",
    "nextcloud",
    "owncloud",
    "pcloud",
    "box sync",
];

/// A warning when `dir` is on a network filesystem or inside a sync folder.
pub fn network_warning(dir: &Path) -> Option<StoreWarning> {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let kind = sync_folder(&dir)
        .map(|name| format!("in a folder synced by {name}"))
        .or_else(|| {
            let mountinfo = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
            let fs_type = mount_fs_type(&dir, &mountinfo)?;
            is_network_fs(&fs_type).then(|| format!("on a network filesystem ({fs_type})"))
        })?;
    Some(StoreWarning::NetworkFilesystem { dir, kind })
}

/// The name of the sync folder `dir` lies in, if any.
fn sync_folder(dir: &Path) -> Option<String> {
    dir.components().find_map(|c| match c {
        Component::Normal(name) => {
            let name = name.to_string_lossy();
            let lower = name.to_lowercase();
            SYNC_FOLDERS
                .iter()
                .any(|s| lower.starts_with(s))
                .then(|| name.into_owned())
        }
        _ => None,
    })
}

fn is_network_fs(fs_type: &str) -> bool {
    NETWORK_FS_TYPES.contains(&fs_type)
}

/// The filesystem type of the mount holding `dir`, from the text of
/// `/proc/self/mountinfo`: the longest mount point that contains it.
fn mount_fs_type(dir: &Path, mountinfo: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for line in mountinfo.lines() {
        // "36 35 98:0 /root /mnt/point rw,noatime master:1 - ext3 /dev/sda rw"
        let Some((left, right)) = line.split_once(" - ") else {
            continue;
        };
        let Some(mount_point) = left.split(' ').nth(4) else {
            continue;
        };
        let Some(fs_type) = right.split(' ').next() else {
            continue;
        };
        let mount_point = PathBuf::from(unescape(mount_point));
        if !dir.starts_with(&mount_point) {
            continue;
        }
        let depth = mount_point.components().count();
        // Later lines with the same depth are mounts stacked on top.
        if best.as_ref().is_none_or(|(d, _)| depth >= *d) {
            best = Some((depth, fs_type.to_string()));
        }
    }
    best.map(|(_, t)| t)
}

/// Undoes mountinfo's octal escapes (`\040` for a space).
fn unescape(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes.get(i + 1..i + 4).and_then(|d| {
            let d = std::str::from_utf8(d).ok()?;
            u8::from_str_radix(d, 8).ok()
        });
        match (bytes[i], octal) {
            (b'\\', Some(b)) => {
                out.push(b);
                i += 4;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTINFO: &str = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /home/ann/net rw,relatime shared:20 - nfs4 server:/export rw
41 40 0:36 / /home/ann/net/local\\040disk rw shared:21 - ext4 /dev/sdb1 rw
42 22 0:37 / /mnt/box rw shared:22 - fuse.sshfs ann@host:/ rw
";

    #[test]
    fn finds_the_innermost_mount() {
        let t = |p: &str| mount_fs_type(Path::new(p), MOUNTINFO);
        assert_eq!(t("/home/ann/notes").as_deref(), Some("ext4"));
        assert_eq!(t("/home/ann/net/onrecord").as_deref(), Some("nfs4"));
        assert_eq!(t("/home/ann/net/local disk/x").as_deref(), Some("ext4"));
        assert_eq!(t("/mnt/box/x").as_deref(), Some("fuse.sshfs"));
        assert!(is_network_fs("nfs4") && is_network_fs("fuse.sshfs") && !is_network_fs("ext4"));
    }

    #[test]
    fn recognizes_sync_folders() {
        let s = |p: &str| sync_folder(Path::new(p));
        assert_eq!(s("/Users/ann/Dropbox/onrecord").as_deref(), Some("Dropbox"));
        assert_eq!(
            s("/home/ann/OneDrive - Acme/x").as_deref(),
            Some("OneDrive - Acme")
        );
        assert_eq!(
            s("/home/ann/Google Drive/x").as_deref(),
            Some("Google Drive")
        );
        assert_eq!(s("/home/ann/.local/share/onrecord"), None);
    }
}
