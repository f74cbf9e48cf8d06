#!/usr/bin/env python3
"""Opens Word documents in LibreOffice (headless, through Python-UNO) and, for each, writes
what the test checks: the document as PDF, its text with all tracked changes accepted, and its
text with all rejected. One soffice serves every file (starting it is the slow part).

usage: office.py PROFILE_DIR OUT_DIR FILE.docx...
  writes OUT_DIR/NAME.pdf, OUT_DIR/NAME.accepted.txt, OUT_DIR/NAME.rejected.txt (UTF-8, LF),
  where NAME is the file's name without .docx; prints one line per file, `ok NAME` or
  `error NAME: why`. PROFILE_DIR is soffice's user profile (a private one, so that runs in
  parallel do not share a profile).

Needs Debian's python3-uno and libreoffice-writer-nogui (or any LibreOffice with Python-UNO).
"""
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile):
    pipe = 'unres_' + uuid.uuid4().hex
    office = subprocess.Popen(
        ['soffice', '-env:UserInstallation=' + uno.systemPathToFileUrl(os.path.abspath(profile)),
         '--headless', '--invisible', '--nologo', '--norestore', '--nodefault', '--nolockcheck',
         '--accept=pipe,name=%s;urp;StarOffice.ComponentContext' % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    deadline = time.time() + 120
    while True:
        try:
            ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
            return office, ctx
        except NoConnectException:
            if office.poll() is not None or time.time() > deadline:
                raise RuntimeError('soffice did not start (exit code %s)' % office.poll())
            time.sleep(0.2)


def convert(ctx, desktop, path, out_dir):
    name = os.path.basename(path)[:-len('.docx')]
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    dispatcher = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.DispatchHelper', ctx)
    for step in ('pdf', 'accepted', 'rejected'):
        doc = desktop.loadComponentFromURL(url, '_blank', 0, (prop('Hidden', True), prop('ReadOnly', False)))
        if doc is None:
            raise RuntimeError('LibreOffice could not open it')
        try:
            target = os.path.join(os.path.abspath(out_dir), name + ('.pdf' if step == 'pdf' else '.%s.txt' % step))
            if step == 'pdf':
                doc.storeToURL(uno.systemPathToFileUrl(target), (prop('FilterName', 'writer_pdf_Export'),))
                continue
            command = '.uno:AcceptAllTrackedChanges' if step == 'accepted' else '.uno:RejectAllTrackedChanges'
            dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, '', 0, ())
            if doc.getRedlines().createEnumeration().hasMoreElements():
                raise RuntimeError('tracked changes left after %s' % command)
            doc.storeToURL(uno.systemPathToFileUrl(target),
                           (prop('FilterName', 'Text (encoded)'), prop('FilterOptions', 'UTF8,LF,,,')))
        finally:
            doc.close(True)
    return name


def main():
    profile, out_dir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    office, ctx = connect(profile)
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
        for path in files:
            name = os.path.basename(path)
            try:
                convert(ctx, desktop, path, out_dir)
                print('ok ' + name[:-len('.docx')], flush=True)
            except Exception as e:  # one bad file must not stop the others
                print('error %s: %s' % (name, e), flush=True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as soffice ends
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == '__main__':
    main()
