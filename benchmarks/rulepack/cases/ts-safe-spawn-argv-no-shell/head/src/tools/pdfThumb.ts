import { spawn } from 'node:child_process';

export function thumbnail(inputPath: string, page: number): Promise<number> {
  const pageArg = String(Math.max(1, Math.trunc(page)));
  return new Promise((resolve, reject) => {
    const child = spawn('pdftoppm', ['-png', '-f', pageArg, '-l', pageArg, '--', inputPath, `${inputPath}.thumb`]);
    child.on('error', reject);
    child.on('close', resolve);
  });
}
