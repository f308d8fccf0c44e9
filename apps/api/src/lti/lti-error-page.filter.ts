import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AllExceptionsFilter } from '../common/all-exceptions.filter.js';
import { LtiLaunchError } from './lti-launch.error.js';

/**
 * A refused login or launch arrives in a browser (often inside the LMS's iframe): it gets a page
 * saying what is wrong and what to configure. API clients get the usual JSON error body.
 */
@Catch(LtiLaunchError)
export class LtiErrorPageFilter implements ExceptionFilter {
  private readonly json = new AllExceptionsFilter();

  catch(error: LtiLaunchError, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    if (request.accepts(['json', 'html']) !== 'html') return this.json.catch(error, host);
    const response = host.switchToHttp().getResponse<Response>();
    response
      .status(error.getStatus())
      .type('html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PyQuiz: launch refused</title></head>` +
          `<body style="font-family:sans-serif;max-width:40rem;margin:2rem auto"><h1>PyQuiz could not open this link</h1>` +
          `<p>${escapeHtml(error.message)}.</p><p><strong>What to do:</strong> ${escapeHtml(error.advice)}</p>` +
          (error.newWindowUrl ? `<p><a href="${escapeHtml(error.newWindowUrl)}" target="_blank" rel="noopener">Open PyQuiz in a new window</a></p>` : '') +
          `<p style="color:#666">Reason code: ${escapeHtml(error.reason)} (HTTP ${error.getStatus()})</p></body></html>`,
      );
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
