;;; test.el --- rolefit with Emacs's eglot, set up as the README says  -*- lexical-binding: t -*-

;; Run by run.sh in `emacs --batch': opens the fixture posting, waits for
;; the pushed diagnostics, picks the default code action the way
;; `M-x eglot-code-actions' offers it, and checks the buffer.  Each check
;; appends "ok - ..." or "not ok - ..." to $ROLEFIT_RESULTS.

(require 'eglot)
(require 'markdown-mode)
(require 'flymake)

;; The README's line, word for word.
(add-to-list 'eglot-server-programs '((markdown-mode gfm-mode) . ("rolefit-language-server" "--stdio")))

(defvar rolefit-results (getenv "ROLEFIT_RESULTS"))
(defvar rolefit-failed 0)
(defconst rolefit-timeout 20)

(defun rolefit-check (ok what &optional detail)
  "Record the check WHAT as passed when OK, with DETAIL when it failed."
  (unless ok (setq rolefit-failed (1+ rolefit-failed)))
  (write-region (format "%s - %s%s\n" (if ok "ok" "not ok") what
                        (if (and (not ok) detail) (format "  # %S" detail) ""))
                nil rolefit-results 'append 'silent)
  ok)

(defun rolefit-wait (predicate)
  "Process server output and timers until PREDICATE holds or the timeout passes."
  (let ((deadline (+ (float-time) rolefit-timeout)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun rolefit-foreign-duties ()
  "Flymake's diagnostics in the buffer that are rolefit's foreign duties."
  (seq-filter (lambda (diag) (string-match-p "\\[role\\.foreign-duty\\]" (flymake-diagnostic-text diag)))
              (flymake-diagnostics)))

(defun rolefit-line-of (diag)
  (save-excursion (goto-char (flymake-diagnostic-beg diag)) (buffer-substring (line-beginning-position) (line-end-position))))

(find-file (getenv "ROLEFIT_POSTING"))
(rolefit-check (derived-mode-p 'markdown-mode) "the posting opens in markdown-mode" major-mode)
(apply #'eglot (eglot--guess-contact))
(rolefit-check (rolefit-wait (lambda () (eglot-current-server))) "eglot connected to rolefit-language-server")

(rolefit-check (rolefit-wait (lambda () (rolefit-foreign-duties))) "a foreign duty shows in Flymake")
(let ((diags (rolefit-foreign-duties)))
  (rolefit-check (= (length diags) 1) "exactly one foreign duty" (mapcar #'flymake-diagnostic-text diags))
  (when-let ((diag (car diags)))
    (rolefit-check (string-match-p "NetSuite ERP" (rolefit-line-of diag)) "it is on the ERP line" (rolefit-line-of diag))
    (rolefit-check (string-match-p "\\`rolefit \\[role\\.foreign-duty\\]: This duty belongs to the CIO" (flymake-diagnostic-text diag))
                   "its message names the CIO" (flymake-diagnostic-text diag))
    (rolefit-check (eq (flymake-diagnostic-type diag) 'eglot-warning) "it is a warning" (flymake-diagnostic-type diag))

    ;; M-x eglot-code-actions on the squiggle, then RET on the default it offers.
    (goto-char (flymake-diagnostic-beg diag))
    (let* ((actions (eglot-code-actions (flymake-diagnostic-beg diag) (flymake-diagnostic-end diag)))
           (titles (mapcar (lambda (action) (plist-get action :title)) actions))
           (offered nil))
      (rolefit-check (seq-some (lambda (title) (string-prefix-p "Make it a partnership with the CIO" title)) titles)
                     "the partnership fix is offered" titles)
      (cl-letf (((symbol-function 'completing-read)
                 (lambda (_prompt _collection &optional _predicate _require _initial _history default &rest _)
                   (setq offered default)
                   default)))
        (let ((last-nonmenu-event 13))
          (eglot--read-execute-code-action actions (eglot-current-server))))
      (rolefit-check (and offered (string-prefix-p "Make it a partnership with the CIO" offered))
                     "the default action is the partnership with the CIO" offered))
    (let ((line (rolefit-line-of diag)))
      (rolefit-check (string-match-p "partnership with the CIO" line) "the item now names the CIO as a partner" line)
      (rolefit-check (string-match-p "NetSuite ERP and the Salesforce CRM" line) "the writer's words stay on the line" line))
    ;; Eglot sends the edit once Emacs is idle, which batch mode never is: send it as that idle timer would.
    (eglot--signal-textDocument/didChange)
    (rolefit-check (rolefit-wait (lambda () (null (rolefit-foreign-duties)))) "after the fix no foreign duty is left"
                   (mapcar #'flymake-diagnostic-text (rolefit-foreign-duties)))
    (rolefit-check (buffer-modified-p) "the buffer is edited, not saved")))

;; Eglot kills the server as soon as it has asked it to exit, so the code cache is written while it runs.
(let ((cache (getenv "ROLEFIT_CODE_CACHE")))
  (rolefit-check (rolefit-wait (lambda () (and (file-directory-p cache) (directory-files cache nil "\\.v8\\'"))))
                 "the server writes its code cache while it runs"))

(set-buffer-modified-p nil)
(ignore-errors (eglot-shutdown (eglot-current-server)))
(kill-emacs (if (zerop rolefit-failed) 0 1))
