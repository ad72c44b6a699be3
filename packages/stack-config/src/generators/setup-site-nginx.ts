/**
 * nginx.conf of the setup site. The cluster and the end-to-end test render
 * it with different ports and folders; everything else is the same.
 */

const SECURITY_HEADERS = [
  "Content-Security-Policy \"default-src 'none'; script-src 'self'; " +
    "style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'\"",
  "X-Content-Type-Options nosniff",
  "Referrer-Policy no-referrer",
];

/** Settings of nginx.conf that differ between the cluster and a test. */
export interface NginxConfOptions {
  /** `listen` argument, such as `8080` or `127.0.0.1:18080`. */
  listen: string;
  /** Folder under which `path` is served; the files sit in `root + path`. */
  root: string;
  /** URL path of the site with a slash at both ends. */
  path: string;
  /** Writable folder for the pid file and nginx's temporary files. */
  tempDir: string;
}

function headers(cacheControl: string, indent: string): string {
  return [`Cache-Control "${cacheControl}"`, ...SECURITY_HEADERS]
    .map((header) => `${indent}add_header ${header} always;`)
    .join("\n");
}

/**
 * Renders nginx.conf. Every writable path is under `tempDir`, so nginx runs
 * as a non-root user with a read-only root filesystem.
 */
export function setupSiteNginxConf(options: NginxConfOptions): string {
  const { path, tempDir } = options;
  const prefix = path.replace(/\/$/, "");
  return `worker_processes 1;
pid ${tempDir}/nginx.pid;
error_log stderr warn;

events {
  worker_connections 256;
}

http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  server_tokens off;
  sendfile on;
  absolute_redirect off;
  gzip on;
  gzip_min_length 256;
  gzip_types text/css application/javascript application/json text/plain;
  client_body_temp_path ${tempDir}/client_body;
  proxy_temp_path ${tempDir}/proxy;
  fastcgi_temp_path ${tempDir}/fastcgi;
  uwsgi_temp_path ${tempDir}/uwsgi;
  scgi_temp_path ${tempDir}/scgi;

  server {
    listen ${options.listen};
    root ${options.root};

    location = /healthz {
      default_type text/plain;
      return 200 "ok\\n";
    }

    location = ${prefix} {
      return 301 ${path};
    }

    location ${path} {
      index index.html;
${headers("no-cache", "      ")}

      location ${path}assets/ {
${headers("public, max-age=31536000, immutable", "        ")}
      }

      location ~ \\.(sh|ps1)$ {
        types { }
        default_type "text/plain; charset=utf-8";
${headers("no-cache", "        ")}
      }
    }
  }
}
`;
}
