import { spawn } from 'node:child_process';

export function optimize(inputPath: string, quality: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(`cwebp -q ${quality} "${inputPath}" -o "${inputPath}.webp"`, { shell: true, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', resolve);
  });
}
