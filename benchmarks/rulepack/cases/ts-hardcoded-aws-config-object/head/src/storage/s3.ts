import { S3Client } from '@aws-sdk/client-s3';

export const s3 = new S3Client({
  region: process.env.AWS_REGION ?? 'eu-west-1',
  credentials: {
    accessKeyId: 'AKIA4QZ7XK2LP9WMR3TD',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY as string,
  },
});
