import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertStorageKey, type FileStorage } from './file-storage.ts';

/**
 * Attachments on the local disk: `<root>/objects/<first two characters of
 * the id>/<id>`, uploads checked in `<root>/tmp`. Directories are made on
 * first use, so a hall that never receives a file leaves no trace.
 */
export function createLocalStorage(root: string): FileStorage {
  const objectPath = (key: string) => {
    assertStorageKey(key);
    return path.join(root, 'objects', key.slice(0, 2), key);
  };
  return {
    kind: 'local',
    tempDir: path.join(root, 'tmp'),

    async put(key, source) {
      const target = objectPath(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      try {
        await fs.rename(source.path, target);
      } catch (error) {
        // FILES_DIR/tmp is on the same disk unless someone mounted it elsewhere: then copy.
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        await fs.copyFile(source.path, target);
        await fs.rm(source.path, { force: true });
      }
    },

    async get(key): Promise<Readable | null> {
      try {
        const handle = await fs.open(objectPath(key), 'r');
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async delete(key) {
      await fs.rm(objectPath(key), { force: true });
    },
  };
}

