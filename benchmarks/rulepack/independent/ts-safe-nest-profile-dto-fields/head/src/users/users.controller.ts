import { Body, Controller, Patch, Req, UseGuards, ValidationPipe } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { Repository } from 'typeorm';
import { AuthGuard } from '../auth/auth.guard';
import { User } from './user.entity';

export class UpdateProfileDto {
  @IsOptional() @IsString() @MaxLength(80) name?: string;
  @IsOptional() @IsEmail() email?: string;
}

@Controller('users')
@UseGuards(AuthGuard)
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  @Patch('me')
  async updateMe(
    @Req() req: { user: { id: number } },
    @Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })) dto: UpdateProfileDto,
  ) {
    const user = await this.users.findOneByOrFail({ id: req.user.id });
    this.users.merge(user, { name: dto.name ?? user.name, email: dto.email ?? user.email });
    const saved = await this.users.save(user);
    return { id: saved.id, name: saved.name, email: saved.email };
  }
}
