// The contract every staging scheme implements: look at a remote path, bring it here, send a local one there.
// Schemes are registered in registry.ts; staging-area.ts adds caching, verification, retries and progress on top.

// What a stat or a listing says about one remote path.
export interface RemoteEntry {
  readonly name: string; // last path component
  readonly type: 'file' | 'directory';
  readonly size: number; // bytes (0 for a directory)
  readonly mtimeMs: number; // modification time, ms since the epoch (whole seconds for most remote schemes)
}

export interface TransferOptions {
  readonly signal: AbortSignal;
  // Bytes moved so far of `total`, called as often as the scheme can tell.
  readonly onProgress?: ((bytes: number, total: number) => void) | undefined;
}

export interface Stager {
  readonly schemes: readonly string[]; // URL schemes without the colon: 'scp', 'sftp'
  // Size, type and modification time of `uri`; StagingError reason 'not-found' when there is nothing.
  stat(uri: URL, signal: AbortSignal): Promise<RemoteEntry>;
  // The entries of the directory `uri` (for remote globs).
  list(uri: URL, signal: AbortSignal): Promise<RemoteEntry[]>;
  // Copies the file or directory tree at `uri` to the local path `dest` (which does not exist yet).
  fetch(uri: URL, dest: string, opts: TransferOptions): Promise<void>;
  // Copies the local file or directory tree `source` to `uri`, creating missing parent directories.
  put(source: string, uri: URL, opts: TransferOptions): Promise<void>;
  // The sha256 (hex) of the remote file, when the scheme can compute it where the file is; undefined otherwise.
  checksum?(uri: URL, signal: AbortSignal): Promise<string | undefined>;
  // Ends connections and sessions the stager holds.
  close(): Promise<void>;
}
