import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Controller('orders')
export class OrdersController {
  constructor(private readonly db: DataSource) {}

  @Get(':id')
  async byId(@Param('id', ParseIntPipe) id: number, @Query('status') status: string) {
    return this.db.query('SELECT * FROM orders WHERE id = $1 AND status = $2', [id, status]);
  }
}
