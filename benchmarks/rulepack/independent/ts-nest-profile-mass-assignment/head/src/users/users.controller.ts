import { Body, Controller, Patch, Req, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthGuard } from '../auth/auth.guard';
import { User } from './user.entity';

@Controller('users')
@UseGuards(AuthGuard)
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  @Patch('me')
  async updateMe(@Req() req: { user: { id: number } }, @Body() body: Record<string, unknown>) {
    const user = await this.users.findOneByOrFail({ id: req.user.id });
    Object.assign(user, body);
    const saved = await this.users.save(user);
    return { id: saved.id, name: saved.name, email: saved.email };
  }
}
