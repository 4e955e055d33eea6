"""A local SMTP server for tests (Debian's python3-aiosmtpd): every mail that arrives is written to
OUTDIR/mail-N.txt as what the client said (HELO, MAIL FROM, RCPT TO) followed by the DATA as received.
Usage: smtp_sink.py HOST PORT OUTDIR. Prints 'ready' once it listens."""
import itertools, os, signal, sys
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

host, port, outdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
counter = itertools.count(1)

class Sink:
    async def handle_DATA(self, server, session, envelope):
        n = next(counter)
        tmp = os.path.join(outdir, ".mail-%d.tmp" % n)
        with open(tmp, "wb") as f:
            f.write(("HELO: %s\n" % session.host_name).encode())
            f.write(("MAIL FROM: %s\n" % envelope.mail_from).encode())
            for r in envelope.rcpt_tos:
                f.write(("RCPT TO: %s\n" % r).encode())
            f.write(b"DATA:\n")
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(outdir, "mail-%d.txt" % n))
        return "250 OK"

controller = Controller(Sink(), hostname=host, port=port, decode_data=False)
controller.start()
print("ready", flush=True)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
try:
    signal.pause()
finally:
    controller.stop()
