// Imported first by run.ts: Google and AWS clients read these when they load.
process.env.METADATA_SERVER_DETECTION = 'none';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
