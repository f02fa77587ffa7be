(ns adventure
  "A text adventure driven by a scripted list of commands: the game is a pure state
  machine (reduce over commands), verbs dispatch through a multimethod, items form a
  hierarchy with derive/isa?."
  (:require [clojure.string :as str]))

(def world
  {:rooms {:hall {:desc "a dusty hall" :exits {:north :library :east :kitchen}
                  :items #{:lamp}}
           :library {:desc "a silent library" :exits {:south :hall} :items #{:book :key}}
           :kitchen {:desc "a cold kitchen" :exits {:west :hall :down :cellar}
                     :items #{:knife :bread}}
           :cellar {:desc "a dark cellar" :exits {:up :kitchen} :items #{:chest}
                    :dark true :locked :key}}
   :player {:room :hall :inventory [] :hp 10 :moves 0}
   :log []})

(derive ::knife ::weapon)
(derive ::weapon ::item)
(derive ::bread ::food)
(derive ::food ::item)
(derive ::lamp ::light)
(derive ::light ::item)
(derive ::book ::item)
(derive ::key ::item)

(defn kind [item] (keyword "adventure" (name item)))

(defn say [game & parts] (update game :log conj (str/join " " parts)))

(defn here [game] (get-in game [:rooms (get-in game [:player :room])]))

(defn has? [game item] (some #{item} (get-in game [:player :inventory])))

(defmulti perform (fn [_game [verb & _]] verb))

(defmethod perform :look [game _]
  (let [{:keys [desc exits items dark]} (here game)]
    (if (and dark (not (has? game :lamp)))
      (say game "It is pitch black.")
      (say game (str "You are in " desc ".")
           (if (seq items) (str "You see: " (str/join ", " (map name (sort items))) ".") "")
           (str "Exits: " (str/join " " (map name (sort (keys exits)))))))))

(defmethod perform :go [game [_ dir]]
  (if-let [target (get-in (here game) [:exits dir])]
    (let [lock (get-in game [:rooms target :locked])]
      (if (and lock (not (has? game lock)))
        (say game "The way" (name dir) "is locked.")
        (-> game
            (assoc-in [:player :room] target)
            (update-in [:player :moves] inc)
            (perform [:look]))))
    (say game "You can't go" (name dir) "from here.")))

(defmethod perform :take [game [_ item]]
  (let [room (get-in game [:player :room])]
    (cond
      (not (contains? (get-in game [:rooms room :items]) item))
      (say game "There is no" (name item) "here.")
      (not (isa? (kind item) ::item))
      (say game "The" (name item) "is too heavy.")
      :else
      (-> game
          (update-in [:rooms room :items] disj item)
          (update-in [:player :inventory] conj item)
          (say "Taken:" (name item))))))

(defmethod perform :eat [game [_ item]]
  (cond
    (not (has? game item)) (say game "You have no" (name item))
    (isa? (kind item) ::food)
    (-> game
        (update-in [:player :inventory] #(vec (remove #{item} %)))
        (update-in [:player :hp] + 5)
        (say "Delicious. HP now" (+ 5 (get-in game [:player :hp]))))
    :else (say game "You can't eat the" (str (name item) "!"))))

(defmethod perform :inventory [game _]
  (let [inv (get-in game [:player :inventory])]
    (say game "You carry:" (if (empty? inv) "nothing"
                               (str/join ", " (for [i inv]
                                                (condp #(isa? %2 %1) (kind i)
                                                  ::weapon (str (name i) " (weapon)")
                                                  ::light (str (name i) " (light)")
                                                  (name i))))))))

(defmethod perform :default [game [verb]]
  (say game "I don't know how to" (str (name verb) ".")))

(defn parse-command [line]
  (let [[verb & args] (str/split (str/trim line) #"\s+")]
    (into [(keyword verb)] (map keyword) args)))

(def script
  ["look" "go west" "take lamp" "go north" "take key" "take book" "take sofa" "go south"
   "go east" "take knife" "take bread" "inventory" "eat knife" "eat bread" "go down"
   "take chest" "dance" "go up" "go west" "inventory"])

(def final
  (reduce (fn [game line]
            (-> game (say (str "> " line)) (perform (parse-command line))))
          world script))

(run! println (:log final))
(println)
(prn (:player final))
(prn (into (sorted-map) (map (fn [[k v]] [k (vec (sort (:items v)))])) (:rooms final)))
(prn (parents ::knife) (sort (ancestors ::knife)) (isa? ::bread ::item) (descendants ::food))
(prn (isa? [::knife ::bread] [::weapon ::food]) (isa? ::item ::knife))
(prn (sort (filter #(isa? (kind %) ::item) [:chest :lamp :knife :sofa :bread])))
