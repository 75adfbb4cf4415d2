import { Controller, DefaultValuePipe, Get, ParseIntPipe, Query, UseGuards } from '@nestjs/common';

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
