import { SingleBar } from 'cli-progress';

/** A progress bar on stderr when a person is watching. */
export function progressBar(): SingleBar | undefined {
  return process.stderr.isTTY ? new SingleBar({ etaBuffer: 20 }) : undefined;
}
