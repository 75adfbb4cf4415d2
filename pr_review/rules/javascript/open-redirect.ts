import { Controller, Get, Query, Res } from '@nestjs/common';
import { Response } from 'express';

@Controller('auth')
export class AuthController {
  @Get('done')
  done(@Query('next') next: string, @Res() res: Response) {
    // ruleid: pr-review.javascript.open-redirect
    return res.redirect(next);
  }

  @Get('home')
  home(@Query('tab') tab: string, @Res() res: Response) {
    // ok: pr-review.javascript.open-redirect
    return res.redirect(`/dashboard?tab=${encodeURIComponent(tab)}`);
  }
}

export default async function Page({ searchParams }: { searchParams: { next?: string } }) {
  // ruleid: pr-review.javascript.open-redirect
  redirect(searchParams.next ?? '/');
}
