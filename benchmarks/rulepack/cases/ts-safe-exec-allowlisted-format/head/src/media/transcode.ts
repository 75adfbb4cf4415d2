import { execSync } from 'child_process';

const FORMATS = new Set(['mp3', 'ogg', 'flac']);

export function transcode(id: number, format: string): string {
  if (!FORMATS.has(format)) {
    throw new Error(`unsupported format ${format}`);
  }
  const fileId = Number(id);
  execSync(`ffmpeg -y -i /data/${fileId}.wav /data/${fileId}.${format}`);
  return `/data/${fileId}.${format}`;
}
