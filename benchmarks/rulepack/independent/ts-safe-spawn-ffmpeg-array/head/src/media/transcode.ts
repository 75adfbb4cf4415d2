import { spawn } from 'node:child_process';
import { once } from 'node:events';

const PRESETS: Record<string, string[]> = {
  '720p': ['-vf', 'scale=-2:720', '-b:v', '2500k'],
  '480p': ['-vf', 'scale=-2:480', '-b:v', '1000k'],
};

export async function transcode(input: string, output: string, preset: string): Promise<void> {
  const extra = PRESETS[preset];
  if (!extra) {
    throw new Error(`unknown preset ${preset}`);
  }
  const child = spawn('ffmpeg', ['-y', '-i', input, ...extra, output], { stdio: 'ignore' });
  const [code] = await once(child, 'exit');
  if (code !== 0) {
    throw new Error(`ffmpeg exited with ${code}`);
  }
}
