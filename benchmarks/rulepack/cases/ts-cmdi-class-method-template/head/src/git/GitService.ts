import { execSync } from 'child_process';
import { Injectable } from '@nestjs/common';

@Injectable()
export class GitService {
  constructor(private readonly workdir: string) {}

  checkout(branch: string): string {
    return execSync(`git -C ${this.workdir} checkout ${branch}`, { encoding: 'utf8' });
  }

  currentBranch(): string {
    return execSync('git rev-parse --abbrev-ref HEAD', { cwd: this.workdir, encoding: 'utf8' }).trim();
  }
}
