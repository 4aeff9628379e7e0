import { userInfo } from 'node:os';
import { authorName } from '../../shared/contract';
import type { AuthorInfo } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Storage } from '../../db/port';

/** The name the analyst is logged in under; a system without one (a container's user) still gets a name. */
function systemUser(env: NodeJS.ProcessEnv): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    name = env.USER ?? env.USERNAME;
  }
  const parsed = authorName.safeParse(name ?? '');
  return parsed.success ? parsed.data : 'unknown user';
}

/** An author given to the instance (the CLI's --author, SECTOR_STUDIO_AUTHOR), checked like every input. */
export function checkedAuthor(name: string, from: string): string {
  const parsed = authorName.safeParse(name);
  if (parsed.success) return parsed.data;
  throw new AppError('INVALID_INPUT', `${from}: ${parsed.error.issues[0]?.message ?? 'not a name'}`);
}

/**
 * Who this instance's writes are by when a window sends no name: the name it was given, else the
 * database's role (team mode: each analyst logs in as their own role), else the OS user. The role is
 * asked once, when first needed, so that a server that is away at start costs nothing.
 */
export function defaultAuthor(
  given: { name: string; source: 'setting' | 'environment' } | undefined,
  storage: Pick<Storage, 'databaseUser'>,
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<AuthorInfo> {
  let known: AuthorInfo | undefined =
    given === undefined ? undefined : { author: given.name, source: given.source };
  return async () => {
    if (known !== undefined) return known;
    const role = await storage.databaseUser();
    known =
      role === null
        ? { author: systemUser(env), source: 'system user' }
        : { author: role, source: 'database role' };
    return known;
  };
}
