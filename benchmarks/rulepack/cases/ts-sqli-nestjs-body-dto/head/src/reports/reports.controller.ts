import { Body, Controller, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';

class ReportFilterDto {
  region!: string;
  from!: string;
}

@Controller('reports')
export class ReportsController {
  constructor(private readonly db: DataSource) {}

  @Post('sales')
  async sales(@Body() filter: ReportFilterDto) {
    return this.db.query(`SELECT day, total FROM sales WHERE region = '${filter.region}' AND day >= '${filter.from}'`);
  }
}
