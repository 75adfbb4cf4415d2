import {
  BadRequestException,
  Controller,
  DefaultValuePipe,
  Get,
  ParseIntPipe,
  Query,
  UseGuards,
} from '@nestjs/common';

import { AuthGuard } from '../auth/auth.guard';
import { AdminGuard } from '../auth/admin.guard';
import { AuditEntry, AuditService } from './audit.service';

@Controller('admin/audit')
@UseGuards(AdminGuard)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  recent(@Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number): Promise<AuditEntry[]> {
    return this.audit.recent(Math.min(limit, 1000));
  }
}

@Controller('audit')
@UseGuards(AuthGuard)
export class AuditSearchController {
  constructor(private readonly audit: AuditService) {}

  /** Lets support staff grep the last day of audit messages, e.g. ?pattern=refund.*order-\d+ */
  @Get('search')
  async search(@Query('pattern') pattern = '', @Query('caseInsensitive') caseInsensitive?: string): Promise<AuditEntry[]> {
    let matcher: RegExp;
    try {
      matcher = new RegExp(pattern, caseInsensitive === 'true' ? 'i' : '');
    } catch {
      throw new BadRequestException('pattern is not a valid regular expression');
    }
    const entries = await this.audit.since(new Date(Date.now() - 24 * 3600 * 1000));
    return entries.filter((entry) => matcher.test(entry.message)).slice(0, 500);
  }
}
