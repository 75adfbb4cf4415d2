import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { Order } from './order.entity';

@Injectable()
export class OrdersService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}

  async findOne(customerId: string, id: string): Promise<Order> {
    const order = await this.orders.findOneBy({ id, customerId });
    if (!order) throw new NotFoundException();
    return order;
  }
}
