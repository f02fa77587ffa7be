;;; pyjank.el --- CIDER support for pyjank, Clojure on Python  -*- lexical-binding: t -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1"))
;; Keywords: languages, lisp, tools
;; SPDX-License-Identifier: EPL-2.0

;;; Commentary:

;; pyjank is a Clojure dialect hosted on Python; `pyjank-nrepl' is its
;; nREPL daemon.  This package
;;
;; - opens .jank files in `clojure-mode';
;; - adds `pyjank-jack-in': it starts `pyjank-nrepl' in the project root,
;;   reads the port from the daemon's banner (or from .nrepl-port) and
;;   connects with `cider-connect-clj';
;; - makes `cider-jack-in' work in pyjank projects (directories holding
;;   pyjank.edn): a CIDER with a jack-in tool registry gets a `pyjank' tool,
;;   older ones get `cider-jack-in-cmd' set in the project's Clojure buffers.
;;
;; CIDER is loaded only when needed; this file compiles and loads without it.
;;
;; Setup: (add-to-list 'load-path "/path/to/pyjank/editors/emacs")
;;        (require 'pyjank)

;;; Code:

(defgroup pyjank nil
  "Editing and running pyjank, Clojure on Python."
  :group 'languages
  :prefix "pyjank-")

(defcustom pyjank-nrepl-command "pyjank-nrepl"
  "The pyjank nREPL daemon.
Looked up in the variable `exec-path', then in the project's .venv/bin."
  :type 'string)

(defcustom pyjank-nrepl-parameters "--port 0 --path src test"
  "Arguments given to `pyjank-nrepl-command', as shell text."
  :type 'string)

(defcustom pyjank-project-file "pyjank.edn"
  "The file that marks the root of a pyjank project."
  :type 'string)

(defcustom pyjank-jack-in-timeout 30
  "Seconds `pyjank-jack-in' waits for the daemon to announce its port."
  :type 'number)

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.jank\\'" . clojure-mode))

(defvar cider-jack-in-cmd)
(defvar clojure-build-tool-files)
(declare-function cider-connect-clj "cider" (&optional params))
(declare-function cider-register-jack-in-tool "cider" (project-type &rest plist))

(defconst pyjank--banner-regexp
  "nREPL server started on port \\([0-9]+\\)\\(?: on host \\([^ \t\n]+\\)\\)?"
  "What `pyjank-nrepl' prints once it listens.")

(defun pyjank-project-root (&optional dir)
  "The root of the pyjank project holding DIR, or nil.
DIR defaults to `default-directory'."
  (when-let ((root (locate-dominating-file (or dir default-directory)
                                           pyjank-project-file)))
    (file-name-as-directory (expand-file-name root))))

(defun pyjank--executable (root &optional command)
  "COMMAND found in the variable `exec-path' or in ROOT's .venv/bin, or nil.
COMMAND defaults to `pyjank-nrepl-command'."
  (let ((command (or command pyjank-nrepl-command)))
    (or (executable-find command)
        (let ((venv (expand-file-name (concat ".venv/bin/" command) root)))
          (and (file-executable-p venv) venv)))))

(defun pyjank-jack-in-command (root)
  "Return the shell command to start the daemon for the project in ROOT."
  (let ((exe (or (pyjank--executable root)
                 (user-error "Cannot find `%s': install pyjank or set `%s'"
                             pyjank-nrepl-command 'pyjank-nrepl-command))))
    (concat (shell-quote-argument exe) " " pyjank-nrepl-parameters)))

(defun pyjank--endpoint-in-output (text)
  "The (HOST . PORT) that TEXT announces, or nil."
  (when (string-match pyjank--banner-regexp text)
    (let ((host (match-string 2 text)))
      (cons (if (member host '(nil "0.0.0.0" "::")) "127.0.0.1" host)
            (string-to-number (match-string 1 text))))))

(defun pyjank--port-in-file (root since)
  "The port in ROOT's .nrepl-port if it was written at time SINCE or later."
  (let* ((file (expand-file-name ".nrepl-port" root))
         (attributes (file-attributes file)))
    (when (and attributes
               (not (time-less-p (file-attribute-modification-time attributes)
                                 since)))
      (with-temp-buffer
        (insert-file-contents file)
        (let ((port (string-to-number (buffer-string))))
          (and (> port 0) port))))))

(defun pyjank--start (root command on-endpoint)
  "Run shell COMMAND in ROOT, then call ON-ENDPOINT with (HOST . PORT).
The port comes from the daemon's banner or from ROOT's .nrepl-port,
whichever shows first.  Return the process."
  (let* ((default-directory root)
         (since (time-convert nil 'integer))
         (deadline (+ (float-time) pyjank-jack-in-timeout))
         (buffer (generate-new-buffer
                  (format "*pyjank-nrepl %s*" (abbreviate-file-name root))))
         (process (start-file-process-shell-command "pyjank-nrepl" buffer command))
         (timer nil)
         (done nil)
         (finish (lambda (endpoint)
                   (unless done
                     (setq done t)
                     (cancel-timer timer)
                     (when endpoint
                       (funcall on-endpoint endpoint))))))
    (set-process-filter
     process
     (lambda (proc output)
       (when (buffer-live-p (process-buffer proc))
         (with-current-buffer (process-buffer proc)
           (save-excursion
             (goto-char (process-mark proc))
             (insert output)
             (set-marker (process-mark proc) (point)))
           (when-let ((endpoint (pyjank--endpoint-in-output (buffer-string))))
             (funcall finish endpoint))))))
    (setq timer
          (run-at-time
           0.2 0.2
           (lambda ()
             (let ((port (pyjank--port-in-file root since)))
               (cond ((and port (process-live-p process))
                      (funcall finish (cons "127.0.0.1" port)))
                     ((or (not (process-live-p process)) (> (float-time) deadline))
                      (funcall finish nil)
                      (message "pyjank-nrepl did not start: see buffer %s"
                               (buffer-name buffer))))))))
    process))

(defun pyjank--require-cider ()
  "Load CIDER, or explain how to get it."
  (unless (require 'cider nil t)
    (user-error "This needs CIDER: M-x package-install RET cider RET")))

;;;###autoload
(defun pyjank-jack-in (&optional edit)
  "Start `pyjank-nrepl' in the project root and connect CIDER to it.
With a prefix argument EDIT, edit the command first."
  (interactive "P")
  (pyjank--require-cider)
  (let* ((root (or (pyjank-project-root)
                   (file-name-as-directory (expand-file-name default-directory))))
         (command (pyjank-jack-in-command root)))
    (when edit
      (setq command (read-string "Start pyjank with: " command)))
    (message "Starting %s in %s" command root)
    (pyjank--start root command
                   (lambda (endpoint)
                     (let ((default-directory root))
                       (cider-connect-clj (list :host (car endpoint)
                                                :port (cdr endpoint)
                                                :project-dir root)))))))

(defun pyjank--resolve-command (command)
  "Find COMMAND for CIDER's jack-in; return it shell-quoted.
It is looked up in the variable `exec-path', then in the project's .venv/bin."
  (when-let ((exe (pyjank--executable (or (pyjank-project-root) default-directory)
                                      command)))
    (shell-quote-argument exe)))

(defun pyjank--set-jack-in-cmd ()
  "Make `cider-jack-in' start pyjank in a pyjank project's buffers."
  (when-let ((root (pyjank-project-root)))
    (when (and (boundp 'cider-jack-in-cmd) (not cider-jack-in-cmd)
               (pyjank--executable root))
      (setq-local cider-jack-in-cmd (pyjank-jack-in-command root)))))

;;;###autoload
(defun pyjank-cider-setup ()
  "Teach CIDER's jack-in about pyjank projects."
  (when (boundp 'clojure-build-tool-files)
    (add-to-list 'clojure-build-tool-files pyjank-project-file))
  (if (fboundp 'cider-register-jack-in-tool)
      (cider-register-jack-in-tool 'pyjank
                                   :command-var 'pyjank-nrepl-command
                                   :params-var 'pyjank-nrepl-parameters
                                   :project-files (list pyjank-project-file)
                                   :resolver #'pyjank--resolve-command)
    (add-hook 'clojure-mode-hook #'pyjank--set-jack-in-cmd)))

;;;###autoload
(with-eval-after-load 'cider (pyjank-cider-setup))

(provide 'pyjank)
;;; pyjank.el ends here
