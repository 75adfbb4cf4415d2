import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface ProbeResult {
  durationSeconds: number;
  width: number | null;
  height: number | null;
  codecs: string[];
}

interface FfprobeOutput {
  format?: { duration?: string };
  streams?: Array<{ codec_type?: string; codec_name?: string; width?: number; height?: number }>;
}

@Injectable()
export class MediaProbeService {
  private readonly logger = new Logger(MediaProbeService.name);

  /** Reads container metadata of an upload that multer stored under a generated name. */
  async probe(storedPath: string): Promise<ProbeResult> {
    let stdout: string;
    try {
      ({ stdout } = await execFileAsync(
        'ffprobe',
        ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', storedPath],
        { timeout: 15_000, maxBuffer: 4 * 1024 * 1024 },
      ));
    } catch (err) {
      this.logger.warn(`ffprobe failed for ${storedPath}: ${(err as Error).message}`);
      throw new BadRequestException('The file is not a playable video.');
    }
    const info = JSON.parse(stdout) as FfprobeOutput;
    const video = info.streams?.find((s) => s.codec_type === 'video');
    return {
      durationSeconds: Number(info.format?.duration ?? 0),
      width: video?.width ?? null,
      height: video?.height ?? null,
      codecs: (info.streams ?? []).map((s) => s.codec_name ?? 'unknown'),
    };
  }
}
