import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { Order, OrderStatus } from './order.entity';

export interface OrderSearch {
  statuses?: OrderStatus[];
  reference?: string;
  placedAfter?: Date;
  sort?: 'newest' | 'oldest' | 'total';
  limit?: number;
}

const SORTS = {
  newest: ['order.placedAt', 'DESC'],
  oldest: ['order.placedAt', 'ASC'],
  total: ['order.totalCents', 'DESC'],
} as const;

@Injectable()
export class OrdersService {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>) {}

  async findOne(customerId: string, id: string): Promise<Order> {
    const order = await this.orders.findOneBy({ id, customerId });
    if (!order) throw new NotFoundException();
    return order;
  }

  search(customerId: string, q: OrderSearch): Promise<Order[]> {
    const qb = this.orders
      .createQueryBuilder('order')
      .where('order.customerId = :customerId', { customerId })
      .andWhere('order.status IN (:...statuses)', { statuses: q.statuses?.length ? q.statuses : ['paid', 'shipped'] });
    if (q.reference) {
      qb.andWhere('order.reference ILIKE :reference', { reference: `%${q.reference}%` });
    }
    if (q.placedAfter) {
      qb.andWhere('order.placedAt >= :placedAfter', { placedAfter: q.placedAfter });
    }
    const [column, direction] = q.sort && Object.hasOwn(SORTS, q.sort) ? SORTS[q.sort] : SORTS.newest;
    return qb.orderBy(column, direction).take(Math.min(q.limit ?? 50, 200)).getMany();
  }
}
