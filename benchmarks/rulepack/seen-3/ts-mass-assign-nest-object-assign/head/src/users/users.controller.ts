import { Body, Controller, Get, Patch, Req, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import type { AuthedRequest } from '../auth/types';
import { User } from './user.entity';

@Controller('users')
@UseGuards(JwtAuthGuard)
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  @Get('me')
  me(@Req() req: AuthedRequest): Promise<User> {
    return this.users.findOneByOrFail({ id: req.user.id });
  }

  @Patch('me')
  async updateMe(@Req() req: AuthedRequest, @Body() changes: Partial<User>): Promise<User> {
    const user = await this.users.findOneByOrFail({ id: req.user.id });
    Object.assign(user, changes, { updatedAt: new Date() });
    return this.users.save(user);
  }
}
