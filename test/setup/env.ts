// Runs in every jest worker before any test module loads: Google clients must never probe the GCE
// metadata server, and no dependency may phone home.
process.env.METADATA_SERVER_DETECTION = 'none';
process.env.SCARF_ANALYTICS = 'false';
// The AWS SDK must never look for instance credentials on a cloud metadata address.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
