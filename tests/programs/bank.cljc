(ns bank
  "A bank simulation: accounts are atoms with validators and watches, transfers between
  accounts run in dosync over refs, transactions dispatch on a multimethod."
  (:require [clojure.string :as str]))

(defrecord Account [id owner balance history])

(def audit-log (atom []))

(defn- log! [& parts] (swap! audit-log conj (str/join " " parts)))

(defn open-account [id owner initial]
  (let [acct (atom (->Account id owner initial [])
                   :validator (fn [{:keys [balance]}] (and (integer? balance) (>= balance 0))))]
    (add-watch acct :audit
               (fn [_ _ old new]
                 (when (not= (:balance old) (:balance new))
                   (log! (name id) (:balance old) "->" (:balance new)))))
    acct))

(defmulti apply-tx (fn [_acct tx] (:type tx)))

(defmethod apply-tx :deposit [acct {:keys [amount]}]
  (when-not (pos? amount)
    (throw (ex-info "Deposit must be positive" {:amount amount})))
  (swap! acct #(-> % (update :balance + amount) (update :history conj [:deposit amount]))))

(defmethod apply-tx :withdraw [acct {:keys [amount]}]
  (try
    (swap! acct #(-> % (update :balance - amount) (update :history conj [:withdraw amount])))
    (catch IllegalStateException _
      (throw (ex-info "Insufficient funds" {:account (:id @acct)
                                            :balance (:balance @acct)
                                            :requested amount})))))

(defmethod apply-tx :interest [acct {:keys [rate]}]
  (let [[old new] (swap-vals! acct update :balance #(long (Math/floor (* % (+ 1 rate)))))]
    (swap! acct update :history conj [:interest (- (:balance new) (:balance old))])))

(defmethod apply-tx :default [_ tx]
  (throw (ex-info (str "Unknown transaction " (pr-str (:type tx))) {:tx tx})))

(def accounts
  (into (sorted-map)
        (for [[id owner amt] [[:alice "Alice" 100] [:bob "Bob" 50] [:carol "Carol" 0]]]
          [id (open-account id owner amt)])))

(def txs
  [[:alice {:type :deposit :amount 25}]
   [:bob {:type :withdraw :amount 80}]
   [:carol {:type :deposit :amount -5}]
   [:bob {:type :withdraw :amount 20}]
   [:alice {:type :interest :rate 0.05}]
   [:carol {:type :refund :amount 1}]
   [:carol {:type :deposit :amount 10}]])

(doseq [[id tx] txs]
  (try
    (apply-tx (accounts id) tx)
    (println "ok  " id (:type tx))
    (catch clojure.lang.ExceptionInfo e
      (println "FAIL" id (ex-message e) (pr-str (ex-data e))))
    (finally
      (log! "processed" (name (:type tx))))))

(println "\nBalances:")
(doseq [[id acct] accounts
        :let [{:keys [owner balance history]} @acct]]
  (println (format "%-6s %6d  %s" owner balance (pr-str history))))

(println "\nTotal:" (transduce (map (comp :balance deref)) + (vals accounts)))

;; refs: coordinated transfers between two balances
(def vault (ref 1000))
(def branch (ref 0))
(def transfers (ref 0))

(defn transfer! [from to amount]
  (dosync
   (when (< @from amount)
     (throw (ex-info "vault empty" {:left @from :wanted amount})))
   (alter from - amount)
   (alter to + amount)
   (commute transfers inc)))

(doseq [amt [300 300 300 300]]
  (try (transfer! vault branch amt)
       (catch clojure.lang.ExceptionInfo e
         (println "transfer failed:" (ex-message e) (ex-data e)))))
(println "vault" @vault "branch" @branch "transfers" @transfers "sum" (+ @vault @branch))

(println "\nValidator rejects a direct reset:")
(try
  (reset! (accounts :bob) (assoc @(accounts :bob) :balance -1))
  (catch IllegalStateException e (println "rejected:" (ex-message e))))
(println "bob still has" (:balance @(accounts :bob)))

(println "\nAudit log:")
(run! println @audit-log)
(prn (map->Account {:id :z :owner "Z" :balance 0 :history []}))
(prn (= (->Account :x "X" 1 []) (map->Account {:id :x :owner "X" :balance 1 :history []})))
(prn (assoc (->Account :x "X" 1 []) :vip true))
(prn (dissoc (->Account :x "X" 1 []) :history))
