// Small file-system questions shared by the modules that write files in the checkout.

import { access, constants } from 'node:fs/promises';

/** Whether anything is at `path` (a file, a directory, a broken symlink's target aside). */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}
