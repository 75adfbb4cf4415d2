import { Controller, Get, Query } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';

@Controller('link-preview')
export class LinkPreviewController {
  constructor(private readonly http: HttpService) {}

  @Get()
  async preview(@Query('url') url: string) {
    const response = await fetch(url, { redirect: 'follow' });
    const html = await response.text();
    return { url, length: html.length };
  }
}
